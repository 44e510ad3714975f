// Every catalogue is complete: each language has every English key, with the
// same parameters of the same types, parses as ICU, and holds nothing else;
// and keys.ts is what the English catalogue gives (run `npm run i18n`).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { argumentsOf, parseMessage } from './ast';
import { keysModule } from './generate';
import { LOCALES } from './locales';

const DIR = join(__dirname, 'messages');

function load(locale: string): Map<string, string> {
  const out = new Map<string, string>();
  let files: string[] = [];
  try {
    files = readdirSync(join(DIR, locale)).filter((f) => f.endsWith('.json'));
  } catch {
    return out;
  }
  for (const file of files) {
    const area = file.slice(0, -'.json'.length);
    const messages = JSON.parse(readFileSync(join(DIR, locale, file), 'utf8')) as Record<string, unknown>;
    for (const [key, message] of Object.entries(messages)) {
      if (typeof message !== 'string') throw new Error(`${locale}/${file}: ${key} is not a string`);
      out.set(`${area}.${key}`, message);
    }
  }
  return out;
}

const english = load('en');

function signature(source: string): string {
  return [...argumentsOf(parseMessage(source)).entries()]
    .map(([name, type]) => `${name}:${type}`)
    .sort()
    .join(',');
}

describe('message catalogues', () => {
  it('has an English catalogue', () => {
    expect(english.size).toBeGreaterThan(0);
  });

  it('keys.ts is generated from the English catalogue', () => {
    const fresh = keysModule(english);
    const path = join(__dirname, 'keys.ts');
    if (process.env.UPDATE_I18N) writeFileSync(path, fresh);
    expect(readFileSync(path, 'utf8'), 'keys.ts is stale: run `npm run i18n`').toBe(fresh);
  });

  for (const locale of LOCALES) {
    it(`${locale}: every key, the same parameters, nothing extra`, () => {
      const catalogue = load(locale);
      const missing = [...english.keys()].filter((k) => !catalogue.has(k));
      const extra = [...catalogue.keys()].filter((k) => !english.has(k));
      expect(missing, `${locale} lacks these keys`).toEqual([]);
      expect(extra, `${locale} has keys English does not`).toEqual([]);
      const differing = [...english.entries()]
        .filter(([key, source]) => {
          const translated = catalogue.get(key);
          return translated !== undefined && signature(translated) !== signature(source);
        })
        .map(([key]) => key);
      expect(differing, `${locale}: parameters differ from English`).toEqual([]);
      const empty = [...catalogue.entries()].filter(([, m]) => m.trim() === '').map(([k]) => k);
      expect(empty, `${locale}: empty messages`).toEqual([]);
    });
  }
});
