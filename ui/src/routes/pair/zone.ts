// Wall-clock times in a named zone (not the computer's), for the meeting
// form: the core reads `YYYY-MM-DD HH:MM` in my zone, and the form shows the
// partner's time beside it as it is typed.

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(timeZone, f);
  }
  return f;
}

interface Wall {
  y: number;
  m: number;
  d: number;
  h: number;
  min: number;
}

function wallIn(instant: Date, timeZone: string): Wall {
  const parts: Record<string, string> = {};
  for (const p of formatFor(timeZone).formatToParts(instant)) parts[p.type] = p.value;
  return {
    y: Number(parts.year),
    m: Number(parts.month),
    d: Number(parts.day),
    h: Number(parts.hour) % 24,
    min: Number(parts.minute),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as the wall clock of `timeZone` shows it: `2026-03-14T16:00`. */
export function wallClock(instant: Date | string | number, timeZone: string): string {
  const w = wallIn(instant instanceof Date ? instant : new Date(instant), timeZone);
  return `${w.y}-${pad(w.m)}-${pad(w.d)}T${pad(w.h)}:${pad(w.min)}`;
}

const WALL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$/;

/** Whether `text` is a wall-clock time the core accepts. */
export function isWallClock(text: string): boolean {
  return WALL.test(text.trim());
}

/** `2026-03-14T16:00` or `2026-03-14 16:00` → the core's `2026-03-14 16:00`. */
export function toCoreWallClock(text: string): string {
  return text.trim().replace('T', ' ');
}

/** The instant a wall-clock time in `timeZone` stands for, or null if unreadable. */
export function instantOf(text: string, timeZone: string): Date | null {
  const match = WALL.exec(text.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const wanted = Date.UTC(y, mo - 1, d, h, mi);
  if (Number.isNaN(wanted)) return null;
  let guess = wanted;
  try {
    // Two rounds settle the zone's offset, also next to a DST change.
    for (let i = 0; i < 2; i++) {
      const w = wallIn(new Date(guess), timeZone);
      guess += wanted - Date.UTC(w.y, w.m - 1, w.d, w.h, w.min);
    }
  } catch {
    return null;
  }
  return new Date(guess);
}

/** Whole days from `from` to `to` (ISO calendar dates); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  return Math.round((b - a) / 86_400_000);
}

/** A calendar date moved by `days`. */
export function addDays(iso: string, days: number): string {
  const t = new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000);
  return t.toISOString().slice(0, 10);
}

/** `today`, `tomorrow`, `in 3 days`, `yesterday`, `5 days ago` — `date` seen from `today`. */
export function relativeDay(date: string, today: string): string {
  const n = daysBetween(today, date);
  if (n === 0) return 'today';
  if (n === 1) return 'tomorrow';
  if (n === -1) return 'yesterday';
  return n > 0 ? `in ${n} days` : `${-n} days ago`;
}

/** Hours the partner's clock is ahead of mine (negative: behind), now. */
export function zoneGap(myTz: string, partnerTz: string, now: Date = new Date()): number {
  try {
    const at = (tz: string) => {
      const w = wallIn(now, tz);
      return Date.UTC(w.y, w.m - 1, w.d, w.h, w.min);
    };
    return Math.round((at(partnerTz) - at(myTz)) / 900_000) / 4;
  } catch {
    return 0;
  }
}
