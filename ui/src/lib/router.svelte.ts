// A tiny hash router. The URL after `#` is the whole navigation state, so the
// app needs no server-side routes and reloads land on the same screen.
//
//   #/                 home
//   #/week             this week across all pairs
//   #/pair/:id         a pair, on its default tab
//   #/pair/:id/:tab    a pair, on a given tab
//   #/search           search
//   #/search?pair=:id  search within one pair
//   #/organizer        organizer reports
//   #/settings         settings
//
// Anything else is `not_found`. Screens read `router.route`; links use the
// `href` builders; code navigates with `navigate(href.…)`.

export type Route =
  | { name: 'home' }
  | { name: 'week' }
  | { name: 'pair'; id: string; tab: string | null }
  | { name: 'search'; pair?: string }
  | { name: 'organizer' }
  | { name: 'settings' }
  | { name: 'not_found'; path: string };

export type RouteName = Route['name'];

/** Parse a location hash (with or without the leading `#`) into a Route. */
export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [path = '', queryString = ''] = raw.split('?');
  const parts = path.split('/').filter((p) => p !== '');
  let segments: string[];
  try {
    segments = parts.map((p) => decodeURIComponent(p));
  } catch {
    return { name: 'not_found', path };
  }
  const [head, second, third, ...rest] = segments;

  if (head === undefined) return { name: 'home' };
  if (head === 'pair' && second !== undefined && rest.length === 0) {
    return { name: 'pair', id: second, tab: third ?? null };
  }
  if (second === undefined) {
    if (head === 'search') {
      const raw = /(?:^|&)pair=([^&]*)/.exec(queryString)?.[1];
      let pair = '';
      try {
        pair = raw ? decodeURIComponent(raw) : '';
      } catch {
        pair = '';
      }
      return pair ? { name: 'search', pair } : { name: 'search' };
    }
    if (head === 'week') return { name: 'week' };
    if (head === 'organizer') return { name: 'organizer' };
    if (head === 'settings') return { name: 'settings' };
  }
  return { name: 'not_found', path: path.startsWith('/') ? path : `/${path}` };
}

/** Builders for every route's URL, so no screen spells a hash by hand. */
export const href = {
  home: (): string => '#/',
  week: (): string => '#/week',
  pair: (id: string, tab?: string): string =>
    `#/pair/${encodeURIComponent(id)}${tab ? `/${encodeURIComponent(tab)}` : ''}`,
  search: (pairId?: string): string => (pairId ? `#/search?pair=${encodeURIComponent(pairId)}` : '#/search'),
  organizer: (): string => '#/organizer',
  settings: (): string => '#/settings',
};

class Router {
  route: Route = $state(parseHash(typeof location === 'undefined' ? '' : location.hash));

  /** Re-read the current location; called on every `hashchange`. */
  sync = (): void => {
    this.route = parseHash(location.hash);
  };
}

export const router = new Router();

/**
 * Start following `hashchange`. Returns a function that stops it. Call once,
 * from the app shell.
 */
export function startRouter(): () => void {
  router.sync();
  window.addEventListener('hashchange', router.sync);
  return () => window.removeEventListener('hashchange', router.sync);
}

/** Go to a URL made by `href`. `replace` skips the history entry. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const hash = to.startsWith('#') ? to : `#${to}`;
  if (options.replace) {
    history.replaceState(history.state, '', hash);
    router.sync();
  } else if (location.hash !== hash) {
    location.hash = hash;
  }
}

/** Whether a nav item for `name` should look current for the given route. */
export function isActive(route: Route, name: RouteName): boolean {
  return route.name === name;
}
