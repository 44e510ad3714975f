// Every error the core can send is worded in every language: each code of
// ErrorCode.ts and each rule of Reason.ts (both generated from Rust, read
// here as files so that a variant added in Rust fails this test until it
// has its message), with only the parameters its rule carries.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../i18n/index.svelte';
import { argumentsOf, parseMessage } from '../i18n/ast';
import { LOCALES } from '../i18n/locales';
import { errorText, reasonText } from './errors';
import { AppError } from './ipc';

const BINDINGS = join(__dirname, '..', 'bindings');
const MESSAGES = join(__dirname, '..', 'i18n', 'messages');

/** `"a" | "b"` → the words. */
function codes(): string[] {
  const ts = readFileSync(join(BINDINGS, 'ErrorCode.ts'), 'utf8');
  const union = ts.slice(ts.indexOf('export type ErrorCode ='));
  return [...union.matchAll(/"([a-z_]+)"/g)].map((m) => m[1]!);
}

/** Each rule of Reason.ts with the names of its parameters. */
function rules(): Map<string, string[]> {
  const ts = readFileSync(join(BINDINGS, 'Reason.ts'), 'utf8');
  const out = new Map<string, string[]>();
  for (const m of ts.matchAll(/\{ "rule": "([a-z_]+)"([^}]*)\}/g)) {
    const params = [...m[2]!.matchAll(/([a-zA-Z]+):/g)].map((p) => p[1]!);
    out.set(m[1]!, params);
  }
  return out;
}

function catalogue(locale: string): Record<string, string> {
  return JSON.parse(readFileSync(join(MESSAGES, locale, 'errors.json'), 'utf8')) as Record<string, string>;
}

function refused(field: string, params: Record<string, string>): AppError {
  return new AppError('invalid', `${field}: (English)`, { code: 'invalid', field, params });
}

afterEach(async () => {
  await setLocale('en');
});

describe('error messages', () => {
  it('reads the generated bindings', () => {
    expect(codes()).toContain('file_altered');
    expect([...rules().keys()]).toEqual(expect.arrayContaining(['not_a_date', 'not_a_time', 'not_a_zone']));
    expect(rules().get('too_long')).toEqual(['length', 'max']);
  });

  it('has the same languages as the catalogues', () => {
    expect(readdirSync(MESSAGES).filter((d) => (LOCALES as readonly string[]).includes(d)).sort()).toEqual([...LOCALES].sort());
  });

  for (const locale of LOCALES) {
    it(`${locale}: words every code and every rule, with only the rule's parameters`, () => {
      const messages = catalogue(locale);
      const missingCodes = codes().filter((c) => !(`code.${c}` in messages));
      expect(missingCodes, `${locale} lacks these codes`).toEqual([]);
      for (const [rule, params] of rules()) {
        const message = messages[`rule.${rule}`];
        expect(message, `${locale} lacks rule.${rule}`).toBeDefined();
        const used = [...argumentsOf(parseMessage(message!)).keys()];
        const unknown = used.filter((name) => !params.includes(name));
        expect(unknown, `${locale} rule.${rule} uses what the rule does not carry`).toEqual([]);
      }
    });
  }

  it('words refused input from its rule and parameters, never from its English', () => {
    const error = refused('cadence', { rule: 'out_of_range', min: '1', max: '365', unit: 'days', reason: 'must be between 1 and 365 days' });
    expect(reasonText(error)).toBe('This must be between 1 and 365 days.');
    expect(errorText(error)).toBe('Meeting cadence: This must be between 1 and 365 days.');
  });

  it('words a choice not offered with the choices as a list of the language', () => {
    const error = refused('role', { rule: 'not_a_choice', value: 'boss', choices: 'mentor, mentee', reason: '…' });
    expect(reasonText(error)).toBe('“boss” is not one of the choices: mentor or mentee.');
  });

  it('words the same error in the chosen language', async () => {
    const error = refused('title', { rule: 'too_long', length: '501', max: '500', reason: 'is 501 characters long; the limit is 500' });
    await setLocale('de');
    expect(reasonText(error)).toBe('Das ist 501 Zeichen lang; erlaubt sind 500.');
    expect(errorText(error)).toBe('Titel: Das ist 501 Zeichen lang; erlaubt sind 500.');
  });

  it('words what was not found by its kind', () => {
    const error = new AppError('not_found', "no goal matches 'ffff'", { code: 'not_found', params: { what: 'goal', id: 'ffff' } });
    expect(errorText(error)).toBe('This goal is not there any more.');
  });

  it('an answer of a check-in is placed by its question and worded by its rule', () => {
    const error = refused('answers.recommend', { rule: 'off_scale', value: '11', min: '0', max: '10', reason: '…' });
    expect(reasonText(error)).toBe('11 is not on the scale; give a whole number from 0 to 10.');
    expect(errorText(error)).toBe('Answer: 11 is not on the scale; give a whole number from 0 to 10.');
  });
});
