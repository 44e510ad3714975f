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

// WCAG 2.2 AA from the tokens themselves, in both themes, so that a token
// change cannot make text unreadable or a field's edge invisible.
function tokens(body: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of body.matchAll(/(--color-[\w-]+):\s*([^;]+);/g)) out[m[1]!] = m[2]!.trim();
  return out;
}

const LIGHT = tokens(block(':root {'));
const DARK = { ...LIGHT, ...tokens(block(":root[data-theme='dark']")) };

type Rgb = [number, number, number];

/** A token as an opaque colour (one with alpha laid over `over`). */
function colour(theme: Record<string, string>, name: string, over = '--color-surface'): Rgb {
  const value = theme[name];
  expect(value, `${name} is defined`).toBeDefined();
  const ref = /^var\((--color-[\w-]+)\)$/.exec(value!);
  if (ref) return colour(theme, ref[1]!, over);
  const hex = /^#([0-9a-f]{6})$/i.exec(value!);
  if (hex) return [0, 2, 4].map((i) => parseInt(hex[1]!.slice(i, i + 2), 16)) as Rgb;
  const rgba = /^rgb\((\d+) (\d+) (\d+) \/ ([\d.]+)\)$/.exec(value!);
  expect(rgba, `${name}: ${value} is #rrggbb or rgb(r g b / a)`).not.toBeNull();
  const [r, g, b, a] = rgba!.slice(1).map(Number) as [number, number, number, number];
  const base = colour(theme, over);
  return [r, g, b].map((c, i) => a * c + (1 - a) * base[i]!) as Rgb;
}

function luminance([r, g, b]: Rgb): number {
  const f = (c: number) => {
    const x = c / 255;
    return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
}

function contrast(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const SURFACES = ['--color-bg', '--color-bg-sidebar', '--color-surface', '--color-surface-raised', '--color-surface-sunken'];
const TEXTS = [
  '--color-text',
  '--color-text-muted',
  '--color-text-subtle',
  '--color-placeholder',
  '--color-accent-text',
  '--color-danger-text',
  '--color-warning-text',
  '--color-success-text',
  '--color-info-text',
];
const ON_FILLS: [string, string][] = [
  ['--color-accent-fg', '--color-accent'],
  ['--color-danger-fg', '--color-danger'],
  ['--color-accent-text', '--color-accent-subtle'],
  ['--color-danger-text', '--color-danger-subtle'],
  ['--color-warning-text', '--color-warning-subtle'],
  ['--color-success-text', '--color-success-subtle'],
  ['--color-info-text', '--color-info-subtle'],
];

describe.each([
  ['light', LIGHT],
  ['dark', DARK],
])('contrast in the %s theme', (_name, theme) => {
  it('text is at least 4.5:1 on every surface', () => {
    const low = TEXTS.flatMap((t) =>
      SURFACES.map((s) => [t, s, contrast(colour(theme, t), colour(theme, s))] as const).filter(([, , r]) => r < 4.5),
    );
    expect(low).toEqual([]);
  });

  it('text on a filled or tinted background is at least 4.5:1', () => {
    const low = ON_FILLS.map(([fg, bg]) => [fg, bg, contrast(colour(theme, fg), colour(theme, bg))] as const).filter(
      ([, , r]) => r < 4.5,
    );
    expect(low).toEqual([]);
  });

  it("a field's edge and the focus ring are at least 3:1 on every surface", () => {
    const low = ['--color-border-input', '--color-focus'].flatMap((t) =>
      SURFACES.map((s) => [t, s, contrast(colour(theme, t), colour(theme, s))] as const).filter(([, , r]) => r < 3),
    );
    expect(low).toEqual([]);
  });
});

// More contrast (GTK's HighContrast theme, or the Settings switch): the same
// tokens from the system's media query and from data-contrast="more"; laid
// over either theme, every text is at least 7:1 (WCAG 1.4.6, AAA) and every
// edge and the focus ring at least 4.5:1.
const HC_FROM_OS = block(":root:not([data-contrast='standard'])");
const HC_FORCED = block(":root[data-contrast='more']");

describe('more contrast', () => {
  it('is the same set of tokens from the system and from Settings', () => {
    expect(declarations(HC_FORCED).length).toBeGreaterThan(4);
    expect(declarations(HC_FORCED)).toEqual(declarations(HC_FROM_OS));
  });

  it('draws the focus ring thicker', () => {
    expect(declarations(HC_FORCED)).toContain('--focus-ring-width: 3px');
  });

  describe.each([
    ['light', { ...LIGHT, ...tokens(HC_FORCED) }],
    ['dark', { ...DARK, ...tokens(HC_FORCED) }],
  ])('over the %s theme', (_name, theme) => {
    it('keeps an example in an empty field apart from the text colour', () => {
      expect(theme['--color-placeholder']).not.toBe(theme['--color-text-subtle']);
      expect(colour(theme, '--color-placeholder')).not.toEqual(colour(theme, '--color-text'));
    });

    it('plain text is at least 7:1 on every surface', () => {
      const low = ['--color-text', '--color-text-muted', '--color-text-subtle'].flatMap((t) =>
        SURFACES.map((s) => [t, s, contrast(colour(theme, t), colour(theme, s))] as const).filter(([, , r]) => r < 7),
      );
      expect(low).toEqual([]);
    });

    it('every edge and the focus ring are at least 4.5:1 on every surface', () => {
      const low = ['--color-border', '--color-border-strong', '--color-border-input', '--color-focus'].flatMap((t) =>
        SURFACES.map((s) => [t, s, contrast(colour(theme, t), colour(theme, s))] as const).filter(([, , r]) => r < 4.5),
      );
      expect(low).toEqual([]);
    });
  });
});
