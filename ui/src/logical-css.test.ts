// Styles say start and end, not left and right (margin-inline-start,
// inset-inline-end, text-align: start…), so that a right-to-left language
// can be added by setting `dir` alone. This fails on a physical property.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const PHYSICAL =
  /(?:^|[\s;{])((?:margin|padding|border)-(?:left|right)(?:-\w+)?|left|right|border-(?:top|bottom)-(?:left|right)-radius)\s*:|text-align:\s*(?:left|right)\b|float:\s*(?:left|right)\b/g;

function styles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'test' ? [] : styles(path);
    return name.endsWith('.svelte') || name.endsWith('.css') ? [path] : [];
  });
}

describe('logical CSS', () => {
  it('no style says left or right', () => {
    const found: string[] = [];
    for (const path of styles(__dirname)) {
      const source = readFileSync(path, 'utf8');
      const blocks = path.endsWith('.css') ? [source] : [...source.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1] ?? '');
      for (const css of blocks) {
        for (const m of css.matchAll(PHYSICAL)) found.push(`${relative(__dirname, path)}: ${m[0].trim()}`);
      }
    }
    expect(found, 'use the logical property (inline-start/end, inset-inline-*, text-align: start/end)').toEqual([]);
  });
});
