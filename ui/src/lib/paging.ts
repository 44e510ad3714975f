// Long lists come a page at a time (the cost of a screen must not grow with
// a pair's history); these helpers keep what is shown in step with the core.

/** How many items a screen asks for at once. */
export const PAGE = 50;
/** The most the core returns in one call. */
const MOST = 500;

export interface Page<T> {
  items: T[];
  hasMore: boolean;
}

/**
 * The first `count` items (at least a page), fetched `MOST` at a time: what
 * a list reloads after a change so that the pages already shown stay shown.
 */
export async function firstItems<T>(
  fetch: (offset: number, limit: number) => Promise<Page<T>>,
  count: number,
): Promise<Page<T>> {
  const want = Math.max(PAGE, count);
  const items: T[] = [];
  let hasMore = true;
  while (hasMore && items.length < want) {
    const page = await fetch(items.length, Math.min(MOST, want - items.length));
    items.push(...page.items);
    hasMore = page.hasMore;
    if (page.items.length === 0) break;
  }
  return { items, hasMore };
}

/** `items` followed by those of `more` not already among them (by id). */
export function appendNew<T extends { id: string }>(items: readonly T[], more: readonly T[]): T[] {
  const known = new Set(items.map((i) => i.id));
  return [...items, ...more.filter((i) => !known.has(i.id))];
}
