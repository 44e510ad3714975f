// Every error the core can send is worded in every language: each code of
// ErrorCode.ts, each rule of Reason.ts and Clash.ts and each kind of file of
// FileKind.ts (all generated from Rust, read here as files so that a variant
// added in Rust fails this test until it has its message), with only the
// parameters its rule carries.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { setLocale, t } from '../i18n/index.svelte';
import { argumentsOf, parseMessage } from '../i18n/ast';
import { LOCALES } from '../i18n/locales';
import { errorText, reasonText } from './errors';
import { AppError } from './ipc';
import pairFixture from '../test/doubles/fixtures/pair.json';

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

/** Each clash of Clash.ts with the names of its parameters. */
function clashes(): Map<string, string[]> {
  const ts = readFileSync(join(BINDINGS, 'Clash.ts'), 'utf8');
  const out = new Map<string, string[]>();
  for (const m of ts.matchAll(/\{ "rule": "([a-z_]+)"([^}]*)\}/g)) {
    const params = [...m[2]!.matchAll(/([a-zA-Z_]+):/g)].map((p) => p[1]!);
    out.set(m[1]!, params);
  }
  return out;
}

/** The kinds of file of FileKind.ts. */
function fileKinds(): string[] {
  const ts = readFileSync(join(BINDINGS, 'FileKind.ts'), 'utf8');
  const union = ts.slice(ts.indexOf('export type FileKind ='));
  return [...union.matchAll(/"([a-z_]+)"/g)].map((m) => m[1]!);
}

/** The file system failures of IoOp.ts. */
function ioOps(): string[] {
  const ts = readFileSync(join(BINDINGS, 'IoOp.ts'), 'utf8');
  const union = ts.slice(ts.indexOf('export type IoOp ='));
  return [...union.matchAll(/"([a-z_]+)"/g)].map((m) => m[1]!);
}

/** A value of each type a clash's parameter has in Clash.ts, as the shell carries it (text). */
const SAMPLE: Record<string, string> = { number: '3', string: '/media/usb', KeepSide: 'mine', StatusChangeKind: 'pause', ShareHint: 'invite' };

/** A clash of `rule` with a value for each of its parameters, read from Clash.ts. */
function clashParams(rule: string): Record<string, string> {
  const ts = readFileSync(join(BINDINGS, 'Clash.ts'), 'utf8');
  const m = new RegExp(`\\{ "rule": "${rule}"([^}]*)\\}`).exec(ts);
  const out: Record<string, string> = {};
  for (const p of (m?.[1] ?? '').matchAll(/([a-zA-Z_]+): ([A-Za-z]+)/g)) out[p[1]!] = SAMPLE[p[2]!] ?? 'x';
  return out;
}

function catalogue(locale: string): Record<string, string> {
  return JSON.parse(readFileSync(join(MESSAGES, locale, 'errors.json'), 'utf8')) as Record<string, string>;
}

function conflict(rule: string, params: Record<string, string>, message: string): AppError {
  return new AppError('conflict', message, { code: 'conflict', params: { rule, ...params } });
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
    expect(clashes().get('respondents_too_close')).toEqual(['made_at', 'difference', 'min_group']);
    expect(fileKinds()).toEqual(expect.arrayContaining(['survey_file', 'sync_file', 'pack']));
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

    it(`${locale}: words every clash, with only its parameters, and every kind of file`, () => {
      const messages = catalogue(locale);
      for (const [rule, params] of clashes()) {
        const message = messages[`clash.${rule}`];
        expect(message, `${locale} lacks clash.${rule}`).toBeDefined();
        const used = [...argumentsOf(parseMessage(message!)).keys()];
        const unknown = used.filter((name) => !params.includes(name));
        expect(unknown, `${locale} clash.${rule} uses what the clash does not carry`).toEqual([]);
      }
      const missingFiles = fileKinds().filter((kind) => !(`file.${kind}` in messages));
      expect(missingFiles, `${locale} lacks these kinds of file`).toEqual([]);
      const missingOps = ioOps().filter((op) => !(`io.${op}` in messages));
      expect(missingOps, `${locale} lacks these file system failures`).toEqual([]);
      expect(messages.withDetail, `${locale} lacks withDetail`).toBeDefined();
    });
  }

  it('words a conflict from its rule in the chosen language, never from its English', async () => {
    const error = conflict('action_item_done', {}, 'this action item is done already');
    expect(errorText(error)).toBe('This action item is done already.');
    await setLocale('de');
    expect(errorText(error)).toBe('Diese Aufgabe ist bereits erledigt.');
    await setLocale('zh-CN');
    expect(errorText(error)).toBe('这个行动项已经完成。');
  });

  it("words a conflict's parameters: a count as a plural, a status by its name", async () => {
    const notMet = conflict('criteria_not_met', { met: '2', total: '5' }, 'only 2 of 5 graduation criteria are met; mark the rest met first');
    const ended = conflict('status_forbids', { status: 'ended', change: 'pause' }, 'this pair is ended and cannot be paused');
    await setLocale('de');
    expect(errorText(notMet)).toBe('Erst 2 von 5 Abschlusskriterien sind erfüllt; markiere zuerst die übrigen als erfüllt.');
    expect(errorText(ended)).toBe('Dieses Tandem ist beendet und kann nicht pausiert werden.');
    await setLocale('zh-CN');
    expect(errorText(ended)).toBe('这个结对已结束，无法暂停。');
  });

  it("words the core's own conflicts (written by the core) in German and Chinese", async () => {
    const notMet = AppError.from(pairFixture.full.errors.graduateNotAllMet);
    const fromPack = AppError.from(pairFixture.full.errors.criterionFromPack);
    expect(notMet.clash).toBe('criteria_not_met');
    await setLocale('de');
    expect(errorText(notMet)).toBe('Erst 2 von 5 Abschlusskriterien sind erfüllt; markiere zuerst die übrigen als erfüllt.');
    expect(errorText(fromPack)).toBe('Dieses Abschlusskriterium stammt aus dem Paket des Programms; sein Wortlaut kann nicht geändert werden.');
    await setLocale('zh-CN');
    expect(errorText(notMet)).toBe('5 条结业标准中只有 2 条已达成；请先将其余标准标记为已达成。');
    expect(errorText(fromPack)).toBe('这条结业标准来自项目包，其措辞无法更改。');
  });

  it('shows no conflict in English under German', async () => {
    await setLocale('de');
    for (const [rule] of clashes()) {
      const params = clashParams(rule);
      const english = `ENGLISH WORDS OF ${rule}`;
      const text = errorText(conflict(rule, params, english));
      expect(text, rule).not.toContain(english);
      expect(text, rule).toBe(errorText(conflict(rule, params, 'other words')));
      expect(text, rule).not.toBe(t('errors.code.conflict'));
    }
  });

  it('words a conflict without a rule (from an older shell) by its code, not its English', () => {
    const error = new AppError('conflict', 'some English', { code: 'conflict' });
    expect(errorText(error)).toBe('This cannot be done as things are now.');
  });

  it('words a file that does not read by its kind, with the detail verbatim after it', async () => {
    const error = new AppError('format', 'survey file: expected value at line 1 column 1', {
      code: 'format',
      params: { what: 'survey_file', reason: 'expected value at line 1 column 1' },
    });
    expect(errorText(error)).toBe('This survey file could not be read. (Technical detail: expected value at line 1 column 1)');
    await setLocale('de');
    expect(errorText(error)).toBe('Diese Umfragedatei konnte nicht gelesen werden. (Technisches Detail: expected value at line 1 column 1)');
  });

  it('words the file system by what it was asked and the database by its code, with their detail verbatim', async () => {
    const io = new AppError('io', 'cannot read /tmp/x (Permission denied)', {
      code: 'io',
      params: { op: 'read', context: 'cannot read /tmp/x', detail: 'cannot read /tmp/x (Permission denied)' },
    });
    const storage = new AppError('storage', 'database error (database is locked)', { code: 'storage', params: { detail: 'database is locked' } });
    await setLocale('de');
    expect(errorText(io)).toBe('Eine Datei konnte nicht gelesen werden. (Technisches Detail: cannot read /tmp/x (Permission denied))');
    const noOp = new AppError('io', 'cannot write /tmp/y (Read-only file system)', { code: 'io' });
    expect(errorText(noOp)).toBe('Eine Datei konnte nicht gelesen oder geschrieben werden. (Technisches Detail: cannot write /tmp/y (Read-only file system))');
    expect(errorText(storage)).toBe('Deine Daten konnten nicht gelesen oder gespeichert werden. (Technisches Detail: database is locked)');
  });

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
