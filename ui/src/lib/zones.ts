// The zone pickers' list: the core's canonical IANA names and the aliases that
// stand for them (Asia/Calcutta → Asia/Kolkata), fetched once. Outside the app
// (a plain browser tab) the runtime's own list stands in, without aliases.
import type { ZoneList } from '../bindings/ZoneList';
import { allTimeZones, localTimeZone } from './format';
import { listZones } from './ipc';

let loading: Promise<ZoneList> | null = null;

/** The zone list, loaded once per window. */
export function zones(): Promise<ZoneList> {
  loading ??= listZones().catch(() => ({
    names: allTimeZones(),
    aliases: [],
    system: localTimeZone(),
  }));
  return loading;
}

/** Forget the loaded list (tests). */
export function resetZones(): void {
  loading = null;
}

/** How a zone name reads in a list: `America/New York`. */
export function zoneLabel(name: string): string {
  return name.replaceAll('_', ' ');
}

export interface ZoneMatch {
  name: string;
  /** The old or alternative name the search matched, when it was one. */
  alias?: string;
}

const norm = (s: string) => s.toLowerCase().replaceAll('_', ' ').trim();

/**
 * The zones a search finds, best first: names that start with it (or whose
 * city does), then names that contain it, then aliases (`Calcutta` finds
 * Asia/Kolkata). At most `limit`.
 */
export function searchZones(list: ZoneList, query: string, limit = 50): ZoneMatch[] {
  const q = norm(query);
  if (!q) return list.names.slice(0, limit).map((name) => ({ name }));
  const starts: ZoneMatch[] = [];
  const contains: ZoneMatch[] = [];
  for (const name of list.names) {
    const n = norm(name);
    const city = n.slice(n.lastIndexOf('/') + 1);
    if (n.startsWith(q) || city.startsWith(q)) starts.push({ name });
    else if (n.includes(q)) contains.push({ name });
  }
  const found = new Set([...starts, ...contains].map((m) => m.name));
  const viaAlias: ZoneMatch[] = [];
  for (const { alias, zone: name } of list.aliases) {
    if (!found.has(name) && norm(alias).includes(q)) {
      found.add(name);
      viaAlias.push({ name, alias });
    }
  }
  return [...starts, ...contains, ...viaAlias].slice(0, limit);
}

/** The canonical zone a typed name stands for (any case, `_` or space), or null. */
export function resolveZone(list: ZoneList, typed: string): string | null {
  const q = norm(typed);
  if (!q) return null;
  const name = list.names.find((n) => norm(n) === q);
  if (name) return name;
  return list.aliases.find((a) => norm(a.alias) === q)?.zone ?? null;
}
