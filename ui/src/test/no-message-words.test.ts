// The UI switches on an error's kind, code and field and never reads the
// words of its message (they may change, or be translated): no source file
// outside the tests matches, slices or splits a message.
import { describe, expect, it } from 'vitest';

const sources = import.meta.glob(['/src/**/*.ts', '/src/**/*.svelte', '!/src/**/*.test.ts', '!/src/test/**'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

/** Ways of reading a message's words. */
const READS_WORDS: RegExp[] = [
  // error.message.startsWith(…), .includes(…), .toLowerCase(), .slice(…), …
  /\.message\s*\??\.\s*(toLowerCase|toUpperCase|toLocaleLowerCase|startsWith|endsWith|includes|indexOf|lastIndexOf|slice|substring|substr|split|match|matchAll|replace|replaceAll|search|trim|at|charAt)\b/,
  // /…/.exec(error.message), /…/.test(error.message)
  /\.(exec|test)\(\s*[\w.]*\.message\s*\)/,
  // a message handed to a parser: fieldError(error.message)
  /\b(?!String\b|new\b)[a-z]\w*\(\s*[\w.]*(error|reason|e|err)\.message\s*\)/,
];

export function wordReaders(files: Record<string, string>): string[] {
  const found: string[] = [];
  for (const [path, text] of Object.entries(files)) {
    text.split('\n').forEach((line, i) => {
      if (READS_WORDS.some((pattern) => pattern.test(line))) found.push(`${path}:${i + 1}: ${line.trim()}`);
    });
  }
  return found;
}

describe('error messages', () => {
  it('are shown and never read by the UI', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(50);
    expect(wordReaders(sources)).toEqual([]);
  });

  it('would be caught if a screen read their words', () => {
    const before = {
      'labels.ts': "if (error.message.toLowerCase().startsWith(prefix)) {",
      'refusal.ts': "const match = /^answer to '([^']+)': (.*)$/s.exec(error.message);",
      'NewPairDialog.svelte': "const mapped = fieldError(error.message);",
      'fine.svelte': '<p>{appError.message}</p>',
    };
    expect(wordReaders(before).map((line) => line.split(':')[0])).toEqual([
      'labels.ts',
      'refusal.ts',
      'NewPairDialog.svelte',
    ]);
  });
});
