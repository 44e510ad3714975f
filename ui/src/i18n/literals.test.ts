// No user-visible words outside the catalogues: a text node, a visible
// attribute (aria-label, title, placeholder, a component's `label`…) or a
// prose string in a script fails here, naming its file and line. What is not
// shown to people (console, thrown programmer errors, imports) is exempt, and
// a line may opt out with `i18n-ignore: <why>` in a comment.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'svelte/compiler';
import { describe, expect, it } from 'vitest';

const SRC = join(__dirname, '..');


const SKIP_DIRS = ['test', 'bindings', 'i18n', 'dev'];
const TEXT_ATTR = /^(aria-(label|description|roledescription|valuetext|placeholder)|title|placeholder|alt)$|label|title|text|message|hint|placeholder|description|heading|caption|legend|summary|empty|confirm|tooltip/i;
/** Attributes that name an element or a value, never words: `aria-labelledby`, `text-anchor`. */
const NOT_WORDS = /(by|id|ids|anchor|rendering|transform|decoration|overflow)$/i;
const TEXT_PROP = /^(label|title|text|message|hint|placeholder|description|heading|caption|summary|detail|group|name|confirm\w*|empty\w*|\w*Label|\w*Title|\w*Text|\w*Message)$/;
const PROSE = /\p{Lu}\p{Ll}+.*(\s|[.!?…])|\p{Ll}{2,}\s+\p{Ll}{2,}\s+\p{Ll}{2,}/u;
const LETTER = /\p{L}/u;

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (!(dir === SRC && SKIP_DIRS.includes(name)) && name !== 'test') out.push(...files(path));
    } else if (name.endsWith('.svelte') || (name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts'))) {
      out.push(path);
    }
  }
  return out;
}

type Node = { type?: string; start?: number; [key: string]: unknown };

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null;
}

function exempt(node: Node): boolean {
  if (node.type === 'ImportDeclaration' || node.type === 'ExportAllDeclaration') return true;
  if (node.type === 'ImportExpression') return true; // `import('./routes/Week.svelte')`
  if (node.type === 'ExportNamedDeclaration' && node.source) return true; // `export { x } from './X.svelte'`
  if (node.type === 'StyleSheet' || node.type === 'TSTypeAnnotation' || node.type === 'TSTypeAliasDeclaration') return true;
  if (node.type === 'TSInterfaceDeclaration' || node.type === 'TSLiteralType') return true;
  if (node.type === 'NewExpression' || node.type === 'ThrowStatement') {
    const callee = node.callee as Node | undefined;
    return node.type === 'ThrowStatement' || (callee?.type === 'Identifier' && /Error$/.test(String(callee.name)));
  }
  if (node.type === 'CallExpression') {
    const callee = node.callee as Node | undefined;
    const object = callee?.object as Node | undefined;
    return object?.type === 'Identifier' && object.name === 'console';
  }
  return false;
}

function findings(path: string): string[] {
  const source = readFileSync(path, 'utf8');
  const wrapped = path.endsWith('.ts') ? `<script lang="ts">${source}</script>` : source;
  const shift = path.endsWith('.ts') ? '<script lang="ts">'.length : 0;
  const ast = parse(wrapped, { modern: true }) as unknown as Node;
  const lines = source.split('\n');
  const out: string[] = [];
  const lineOf = (start: number) => source.slice(0, Math.max(0, start - shift)).split('\n').length;
  const report = (start: number, text: string) => {
    const line = lineOf(start);
    const here = `${lines[line - 1] ?? ''}\n${lines[line - 2] ?? ''}`;
    if (here.includes('i18n-ignore')) return;
    out.push(`${relative(SRC, path)}:${line}: ${JSON.stringify(text.trim().slice(0, 60))}`);
  };

  const walk = (node: unknown, parentKey: string | null, inScript: boolean): void => {
    if (Array.isArray(node)) {
      for (const child of node) walk(child, parentKey, inScript);
      return;
    }
    if (!isNode(node) || exempt(node)) return;
    const start = typeof node.start === 'number' ? node.start : 0;
    switch (node.type) {
      case 'Text': {
        const text = String(node.data ?? '');
        if (!inScript && LETTER.test(text)) report(start, text);
        return;
      }
      case 'Attribute': {
        const name = String(node.name);
        const value = node.value;
        if (Array.isArray(value) && TEXT_ATTR.test(name) && !NOT_WORDS.test(name)) {
          for (const part of value as Node[]) {
            if (part.type === 'Text' && LETTER.test(String(part.data))) report(start, String(part.data));
          }
        }
        walk(value, name, true);
        return;
      }
      case 'Literal': {
        if (typeof node.value === 'string' && inScript) {
          const text = node.value;
          if (PROSE.test(text) || (parentKey !== null && TEXT_PROP.test(parentKey) && /^\p{Lu}\p{Ll}/u.test(text))) {
            report(start, text);
          }
        }
        return;
      }
      case 'TemplateElement': {
        const text = String((node.value as { cooked?: string })?.cooked ?? '');
        if (inScript && PROSE.test(text)) report(start, text);
        return;
      }
      case 'CallExpression': {
        // t('area.key', { … }): the key is no prose; the parameters still are checked.
        const callee = node.callee as Node | undefined;
        if (callee?.type === 'Identifier' && callee.name === 't' && Array.isArray(node.arguments)) {
          walk((node.arguments as unknown[]).slice(1), null, inScript);
          return;
        }
        break;
      }
      case 'Property': {
        const key = node.key as Node | undefined;
        const keyName = key?.type === 'Identifier' ? String(key.name) : key?.type === 'Literal' ? String(key.value) : null;
        walk(node.value, keyName, inScript);
        return;
      }
      default:
        break;
    }
    const script = inScript || node.type === 'Script' || node.type === 'ExpressionTag' || node.type === 'Program';
    for (const [key, value] of Object.entries(node)) {
      if (key === 'parent' || key === 'metadata' || key === 'loc' || key === 'css' || key === 'comments') continue;
      if (isNode(value)) walk(value, null, script);
    }
  };
  walk(ast, null, false);
  return out;
}

describe('no words outside the catalogues', () => {
  const all = files(SRC);

  it('finds the UI sources', () => {
    expect(all.length).toBeGreaterThan(50);
  });

  it('no user-visible literal in any component or script', () => {
    const found = all.flatMap(findings);
    expect(found, 'move these words into src/i18n/messages/<locale>/<area>.json and use t()').toEqual([]);
  });
});
