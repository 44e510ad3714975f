// Reading a calendar date as people write it: the way Trellis shows dates
// (`3 Dec 2026`), ISO (`2026-12-03`), month names in English or the person's
// language, numbers in the order their locale puts day and month, and
// `today` / `tomorrow` / `yesterday`. Pure functions, so they are easy to test.

import { formatLocale } from '../i18n/index.svelte';
import { formatDate, todayIso } from './format';

/** An ISO date `YYYY-MM-DD` from numbers, or null if no such day exists. */
function iso(y: number, m: number, d: number): string | null {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null;
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** `26` → 2026; four digits as they are. */
function year(s: string): number {
  const n = Number(s);
  return s.length <= 2 ? 2000 + n : n;
}

const ENGLISH = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function fold(s: string): string {
  return s
    .toLocaleLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/\.$/, '');
}

const monthNames = new Map<string, Map<string, number>>();

/** Every way of naming a month: English, and the locale's short and long names. */
function monthsOf(locale: string): Map<string, number> {
  let names = monthNames.get(locale);
  if (names) return names;
  names = new Map();
  ENGLISH.forEach((m, i) => names!.set(m, i + 1));
  names.set('sept', 9);
  for (const loc of ['en', locale]) {
    for (const month of ['short', 'long'] as const) {
      let f: Intl.DateTimeFormat;
      try {
        f = new Intl.DateTimeFormat(loc, { month, timeZone: 'UTC' });
      } catch {
        continue;
      }
      for (let i = 0; i < 12; i++) {
        names.set(fold(f.format(new Date(Date.UTC(2026, i, 15)))), i + 1);
      }
    }
  }
  monthNames.set(locale, names);
  return names;
}

const weekdayNames = new Map<string, Set<string>>();

/** Weekday names (English and the locale's, short and long), folded. */
function weekdaysOf(locale: string): Set<string> {
  let names = weekdayNames.get(locale);
  if (names) return names;
  names = new Set();
  for (const loc of ['en', locale]) {
    for (const weekday of ['short', 'long'] as const) {
      try {
        const f = new Intl.DateTimeFormat(loc, { weekday, timeZone: 'UTC' });
        for (let i = 0; i < 7; i++) names.add(fold(f.format(new Date(Date.UTC(2026, 10, 30 + i)))));
      } catch {
        // An unknown locale: English only.
      }
    }
  }
  weekdayNames.set(locale, names);
  return names;
}

/** The month a word names (`dec`, `December`, `déc.`, `Dez`), or null. */
function month(word: string, locale: string): number | null {
  const w = fold(word);
  if (w.length < 3) return null;
  const names = monthsOf(locale);
  const exact = names.get(w);
  if (exact) return exact;
  // A prefix of one name only (`sept`, `decem`).
  const hits = new Set<number>();
  for (const [name, m] of names) if (name.startsWith(w)) hits.add(m);
  return hits.size === 1 ? [...hits][0]! : null;
}

const relativeWords = new Map<string, Map<string, number>>();

/** `today`, `tomorrow`, `yesterday` in English and the locale's words (`hoy`, `besok`, `明天`…). */
function relativeDays(locale: string): Map<string, number> {
  let words = relativeWords.get(locale);
  if (words) return words;
  words = new Map();
  for (const loc of ['en', locale]) {
    let f: Intl.RelativeTimeFormat;
    try {
      f = new Intl.RelativeTimeFormat(loc, { numeric: 'auto' });
    } catch {
      continue;
    }
    for (const days of [-1, 0, 1]) words.set(fold(f.format(days, 'day')), days);
  }
  relativeWords.set(locale, words);
  return words;
}

/** Whether the locale writes the day before the month in numeric dates. */
export function dayFirst(locale: string): boolean {
  try {
    const parts = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'numeric', year: 'numeric' }).formatToParts(
      new Date(Date.UTC(2026, 11, 3)),
    );
    const order = parts.filter((p) => p.type === 'day' || p.type === 'month').map((p) => p.type);
    return order[0] !== 'month';
  } catch {
    return true;
  }
}

function addDays(isoDate: string, days: number): string {
  const [y = NaN, m = NaN, d = NaN] = isoDate.split('-').map(Number);
  const dt = new Date(Date.UTC(y, m - 1, d + days));
  return dt.toISOString().slice(0, 10);
}

/**
 * The ISO date `text` stands for, or null when it is not a date. `locale`
 * decides month names beside English and whether `3/12/2026` is 3 December
 * (day first) or 12 March; `today` is ISO.
 */
export function parseDate(text: string, locale: string, today: string = todayIso()): string | null {
  const t = text.trim();
  if (t === '') return null;
  const word = fold(t);
  const relative = relativeDays(locale).get(word);
  if (relative !== undefined) return addDays(today, relative);

  // 2026年3月14日 (Chinese), 2026년 3월 14일 (Korean): how those dates are shown.
  const cjk = /^(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]?$/u.exec(t);
  if (cjk) return iso(Number(cjk[1]), Number(cjk[2]), Number(cjk[3]));

  // 2026-12-03, 2026/12/3, 2026.12.03
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(t);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));

  // 3/12/2026, 12-3-26, 3.12.2026: the locale's order.
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})$/.exec(t);
  if (m) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    return dayFirst(locale) ? iso(year(m[3]!), b, a) : iso(year(m[3]!), a, b);
  }

  // Words: `3 Dec 2026`, `Thu 3 December 2026`, `Dec 3, 2026`, `3-Dec-26`, `3. Dezember 2026`.
  const tokens = t.split(/[\s,/-]+|\.(?=\s|$)/u).filter((s) => s !== '' && s !== '.');
  let day: number | null = null;
  let mon: number | null = null;
  let yr: number | null = null;
  for (const token of tokens) {
    const num = /^(\d{1,4})(?:st|nd|rd|th|\.)?$/i.exec(token);
    if (num) {
      const digits = num[1]!;
      if (digits.length >= 3) {
        if (yr !== null) return null;
        yr = Number(digits);
      } else if (day === null) {
        day = Number(digits);
      } else if (yr === null) {
        yr = year(digits);
      } else {
        return null;
      }
      continue;
    }
    const named = month(token, locale);
    if (named !== null) {
      if (mon !== null) return null;
      mon = named;
      continue;
    }
    // A weekday name is allowed and ignored; anything else is not a date.
    if (!weekdaysOf(locale).has(fold(token))) return null;
  }
  if (day === null || mon === null || yr === null) return null;
  return iso(yr, mon, day);
}

/** How a date field shows an ISO date: as Trellis shows dates elsewhere. */
export function showDate(isoDate: string): string {
  return isoDate ? formatDate(isoDate) : '';
}

/** The day `days` after an ISO date. */
export { addDays as shiftDate };

/**
 * A time of day as people write it (`14:30`, `1430`, `14.30`, `2:30 pm`,
 * `2pm`, `9`), as the 24-hour `HH:MM` Trellis shows; null when it is not one.
 */
export function parseTime(text: string): string | null {
  const t = text.trim().toLowerCase().replace(/\s+/g, ' ');
  const m = /^(\d{1,2})(?:[:.h]?(\d{2}))?(?: ?([ap])\.?m?\.?)?$/.exec(t);
  if (!m) return null;
  let h = Number(m[1]);
  const min = m[2] === undefined ? 0 : Number(m[2]);
  const half = m[3];
  if (min > 59) return null;
  if (half) {
    if (h < 1 || h > 12) return null;
    h = (h % 12) + (half === 'p' ? 12 : 0);
  } else if (h > 23) {
    return null;
  }
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

/**
 * A day and a time (`19 Mar 2026 17:00`, `2026-03-19T17:00`, `today 2pm`)
 * as the wall clock `YYYY-MM-DDTHH:MM`; null when it is not one.
 */
export function parseDateTime(text: string, locale: string, today: string = todayIso()): string | null {
  const t = text.trim();
  const iso = /^(\d{4}-\d{1,2}-\d{1,2})[T ](\S+)$/.exec(t);
  // The time is the last word (or two, for `2:30 pm`); the day is the rest.
  const split = iso
    ? [[iso[1]!, iso[2]!]]
    : [
        /^(.*\S)[\s,]+(\S+\s?[ap]\.?m\.?)$/i.exec(t)?.slice(1, 3),
        /^(.*\S)[\s,]+(\S+)$/.exec(t)?.slice(1, 3),
      ].filter((p): p is string[] => p !== undefined);
  for (const [d = '', h = ''] of split) {
    const day = parseDate(d.replace(/,$/, ''), locale, today);
    const time = parseTime(h);
    if (day && time) return `${day}T${time}`;
  }
  return null;
}

/** How a day-and-time field shows a wall clock: `Mar 19, 2026 17:00` (en), `19 Mar 2026 17:00` (en-GB). */
export function showDateTime(wall: string): string {
  const [day = '', time = ''] = wall.split('T');
  return parseDate(day, formatLocale()) && parseTime(time) ? `${showDate(day)} ${time}` : wall;
}
