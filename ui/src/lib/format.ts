// Formatting shared by every screen: dates, instants in both partners' zones,
// in the language the window speaks (`formatLocale()`), with formatters made
// once. Pure functions (no IPC), so they are easy to test.
import { formatLocale, t } from '../i18n/index.svelte';

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The formatter for a locale and options, made once. Making one costs far
 * more than using it: `toLocaleDateString` and friends make a new one on
 * every call, which cost a long list of dates tenths of a second in WebKit.
 * Throws (a RangeError) for an unknown time zone, as they do.
 */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale} ${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, formatter);
  }
  return formatter;
}

/** `date` as `toLocaleString(locale, options)` gives it, with a formatter made once. */
export function formatWith(date: Date, locale: string, options: Intl.DateTimeFormatOptions): string {
  const formatter = dateTimeFormat(locale, options);
  return Number.isNaN(date.getTime()) ? '—' : formatter.format(date);
}

/** `2026-03-14` → `Mar 14, 2026` (en), `14 Mar 2026` (en-GB) (calendar dates carry no zone). */
export function formatDate(isoDate: string | null | undefined): string {
  if (!isoDate) return '—';
  const [y = NaN, m = NaN, d = NaN] = isoDate.split('-').map(Number);
  const dt = new Date(Date.UTC(y, m - 1, d));
  return formatWith(dt, formatLocale(), { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** An instant in a zone: `Sat, Mar 14, 4:00 PM` (en), `Sat 14 Mar, 16:00` (en-GB). */
export function formatInstant(iso: string, timeZone: string): string {
  return formatWith(new Date(iso), formatLocale(), {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
  });
}

/** Just the time of day in a zone, with the zone's short name: `10:00 AM CST`. */
export function formatTimeIn(iso: string, timeZone: string): string {
  return formatWith(new Date(iso), formatLocale(), {
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  });
}

/** Mine first, the partner's beside it: `Sat 14 Mar, 16:00 · partner 10:00 CST` (en-GB). */
export function formatBothZones(iso: string, myTz: string, partnerTz: string): string {
  const mine = formatInstant(iso, myTz);
  if (myTz === partnerTz) return mine;
  return t('common.bothZones', { mine, theirs: formatTimeIn(iso, partnerTz) });
}

/** `1 day`, `3 days` — English only: screens use a catalogue message with a plural instead. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Today's date in the local zone as YYYY-MM-DD. */
export function todayIso(now: Date = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** The zone this computer is set to (an IANA name). */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Every IANA zone the runtime knows, for pickers. */
export function allTimeZones(): string[] {
  const withSupported = Intl as unknown as { supportedValuesOf?: (k: string) => string[] };
  const zones = withSupported.supportedValuesOf?.('timeZone') ?? [];
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}
