// @vitest-environment node
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const css = readFileSync(fileURLToPath(new URL('./app.css', import.meta.url)), 'utf8');

function block(after: string): string {
  const start = css.indexOf(after);
  expect(start, `${after} in app.css`).toBeGreaterThanOrEqual(0);
  const open = css.indexOf('{', start + after.length - 1);
  const close = css.indexOf('}', open);
  return css.slice(open + 1, close);
}

function declarations(body: string): string[] {
  return body
    .split(';')
    .map((d) => d.trim().replace(/\s+/g, ' '))
    .filter(Boolean);
}

describe('app.css', () => {
  it('defines the same dark tokens for the OS preference and for data-theme="dark"', () => {
    const fromOs = declarations(block(":root:not([data-theme='light'])"));
    const forced = declarations(block(":root[data-theme='dark']"));
    expect(fromOs.length).toBeGreaterThan(20);
    expect(forced).toEqual(fromOs);
  });

  it('gives every colour token a dark value', () => {
    const light = declarations(block(':root {'))
      .map((d) => d.split(':')[0])
      .filter((name): name is string => Boolean(name?.startsWith('--color-')));
    const dark = new Set(declarations(block(":root[data-theme='dark']")).map((d) => d.split(':')[0]));
    expect(light.filter((name) => !dark.has(name))).toEqual([]);
  });
});
