// A message with parts that a screen marks up (a name in bold, a file name
// in code): the message is formatted with a marker for each such value, then
// cut at the markers, so a translation may put them in any order.

const OPEN = '\uE000';
const CLOSE = '\uE001';

/** The marker to pass to `t()` for the value a screen renders itself. */
export function slot(name: string): string {
  return `${OPEN}${name}${CLOSE}`;
}

export type Part = { text: string; slot: null } | { text: ''; slot: string };

/** A formatted message cut into its text and its slots, in order. */
export function parts(message: string): Part[] {
  const out: Part[] = [];
  const pattern = /\uE000([^\uE001]*)\uE001/g;
  let at = 0;
  for (let m = pattern.exec(message); m; m = pattern.exec(message)) {
    if (m.index > at) out.push({ text: message.slice(at, m.index), slot: null });
    out.push({ text: '', slot: m[1] ?? '' });
    at = m.index + m[0].length;
  }
  if (at < message.length) out.push({ text: message.slice(at), slot: null });
  return out;
}
