// The pseudo-locale (en-XA): every literal of an English message accented,
// the whole about 35% longer and bracketed, arguments untouched. A cut label
// loses its closing bracket; an English word left in a screen stands out.
import { TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { parseMessage } from './ast';

const ACCENTED: Record<string, string> = {
  a: 'á', b: 'ƀ', c: 'ç', d: 'ð', e: 'é', f: 'ƒ', g: 'ĝ', h: 'ĥ', i: 'í', j: 'ĵ', k: 'ķ', l: 'ĺ', m: 'ɱ',
  n: 'ñ', o: 'ö', p: 'þ', q: 'ǫ', r: 'ŕ', s: 'š', t: 'ţ', u: 'û', v: 'ṽ', w: 'ŵ', x: 'ẋ', y: 'ý', z: 'ž',
  A: 'Å', B: 'Ɓ', C: 'Ç', D: 'Ð', E: 'É', F: 'Ƒ', G: 'Ĝ', H: 'Ĥ', I: 'Î', J: 'Ĵ', K: 'Ķ', L: 'Ĺ', M: 'Ṁ',
  N: 'Ñ', O: 'Ö', P: 'Þ', Q: 'Ǫ', R: 'Ŕ', S: 'Š', T: 'Ţ', U: 'Û', V: 'Ṽ', W: 'Ŵ', X: 'Ẋ', Y: 'Ý', Z: 'Ž',
};

function accent(text: string): string {
  return text.replace(/[A-Za-z]/g, (c) => ACCENTED[c] ?? c);
}

function literalLength(elements: MessageFormatElement[]): number {
  let n = 0;
  for (const e of elements) {
    if (e.type === TYPE.literal) n += e.value.length;
    if (e.type === TYPE.plural || e.type === TYPE.select) {
      n += Math.max(0, ...Object.values(e.options).map((o) => literalLength(o.value)));
    }
  }
  return n;
}

function accentAll(elements: MessageFormatElement[]): MessageFormatElement[] {
  return elements.map((e) => {
    if (e.type === TYPE.literal) return { ...e, value: accent(e.value) };
    if (e.type === TYPE.plural || e.type === TYPE.select) {
      const options = Object.fromEntries(
        Object.entries(e.options).map(([k, o]) => [k, { ...o, value: accentAll(o.value) }]),
      );
      return { ...e, options } as MessageFormatElement;
    }
    return e;
  });
}

/** The pseudo-localised form of an English message, as a parsed message. */
export function pseudoMessage(source: string): MessageFormatElement[] {
  const elements = parseMessage(source);
  const pad = Math.ceil(literalLength(elements) * 0.35);
  return [
    { type: TYPE.literal, value: '[' },
    ...accentAll(elements),
    { type: TYPE.literal, value: `${pad > 0 ? ' ' : ''}${'·'.repeat(pad)}]` },
  ];
}

/** Plain text (no arguments) in the pseudo-locale: for words not in a catalogue's message. */
export function pseudoText(text: string): string {
  const pad = Math.ceil(text.length * 0.35);
  return `[${accent(text)}${pad > 0 ? ' ' : ''}${'·'.repeat(pad)}]`;
}
