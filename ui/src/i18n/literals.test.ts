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

/** Files whose words are not yet in a catalogue. Only ever shrinks. */
const PENDING = new Set<string>([
  // group A: shell, home, week, search, unlock, lib, widgets
  'App.svelte',
  'lib/attention.ts',
  'lib/backup.ts',
  'lib/components/CommandPalette.svelte',
  'lib/components/DateField.svelte',
  'lib/components/Dialog.svelte',
  'lib/components/ErrorMessage.svelte',
  'lib/components/ExternalLink.svelte',
  'lib/components/Field.svelte',
  'lib/components/ShowMore.svelte',
  'lib/components/Spinner.svelte',
  'lib/components/TimeField.svelte',
  'lib/components/ToastItem.svelte',
  'lib/components/Toaster.svelte',
  'lib/components/ZoneField.svelte',
  'lib/components/index.ts',
  'lib/ipc.ts',
  'lib/palette.ts',
  'lib/trash.ts',
  'routes/Home.svelte',
  'routes/NotFound.svelte',
  'routes/Recovery.svelte',
  'routes/Search.svelte',
  'routes/Unlock.svelte',
  'routes/Week.svelte',
  'routes/home/JoinDialog.svelte',
  'routes/home/NewPairDialog.svelte',
  'routes/home/PairCard.svelte',
  'widgets/QuickCapture.svelte',
  // group B: the pair screen
  'routes/Pair.svelte',
  'routes/pair/ActionRow.svelte',
  'routes/pair/CalendarPanel.svelte',
  'routes/pair/ConfirmDialog.svelte',
  'routes/pair/CriterionDialog.svelte',
  'routes/pair/EditPairDialog.svelte',
  'routes/pair/EndPairDialog.svelte',
  'routes/pair/GoalCard.svelte',
  'routes/pair/GoalDialog.svelte',
  'routes/pair/GoalsTab.svelte',
  'routes/pair/GraduationTab.svelte',
  'routes/pair/HoursDialog.svelte',
  'routes/pair/MarkMetDialog.svelte',
  'routes/pair/MeetingDialog.svelte',
  'routes/pair/MeetingItem.svelte',
  'routes/pair/MeetingsTab.svelte',
  'routes/pair/NextMeetingPanel.svelte',
  'routes/pair/NoteBadge.svelte',
  'routes/pair/NoteDialog.svelte',
  'routes/pair/NotesTab.svelte',
  'routes/pair/OlderItems.svelte',
  'routes/pair/OverviewTab.svelte',
  'routes/pair/SchedulePanel.svelte',
  'routes/pair/Timeline.svelte',
  'routes/pair/TrashTab.svelte',
  'routes/pair/agenda.ts',
  'routes/pair/labels.ts',
  // group C: check-in, sync, settings, organizer
  'routes/Organizer.svelte',
  'routes/Settings.svelte',
  'routes/organizer/CountTable.svelte',
  'routes/organizer/ReportSection.svelte',
  'routes/organizer/report.ts',
  'routes/pair/checkin/AnswersStep.svelte',
  'routes/pair/checkin/CheckinTab.svelte',
  'routes/pair/checkin/PastCheckins.svelte',
  'routes/pair/checkin/PreviewStep.svelte',
  'routes/pair/checkin/QuestionField.svelte',
  'routes/pair/checkin/answers.ts',
  'routes/pair/sync/ConflictList.svelte',
  'routes/pair/sync/SyncDialog.svelte',
  'routes/pair/sync/refusal.ts',
  'routes/settings/EncryptionDialog.svelte',
  'routes/settings/RemindersCard.svelte',
]);

const SKIP_DIRS = ['test', 'bindings', 'i18n', 'dev'];
const TEXT_ATTR = /^(aria-(label|description|roledescription|valuetext|placeholder)|title|placeholder|alt)$|label|title|text|message|hint|placeholder|description|heading|caption|legend|summary|empty|confirm|tooltip/i;
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
        if (Array.isArray(value) && TEXT_ATTR.test(name)) {
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

  it('no user-visible literal in a converted file', () => {
    const found = all.filter((f) => !PENDING.has(relative(SRC, f))).flatMap(findings);
    expect(found, 'move these words into src/i18n/messages/<locale>/<area>.json and use t()').toEqual([]);
  });

  it('every pending file still has words to move (drop it from PENDING when done)', () => {
    const done = [...PENDING].filter((f) => findings(join(SRC, f)).length === 0);
    expect(done).toEqual([]);
  });
});
