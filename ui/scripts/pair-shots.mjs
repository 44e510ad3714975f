// Screenshots of the pair screen (every tab and its main dialogs, light and
// dark) against the in-memory stand-in in src/test/doubles/pair.ts, which is
// bundled here on its own and injected before the app starts, so it never
// reaches the production build. Serve the build first:
//   npm run build && node node_modules/vite/bin/vite.js preview --port 4174 --strictPort &
//   node scripts/pair-shots.mjs [http://localhost:4174] [/tmp/pair-shots]
import { mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

const base = process.argv[2] ?? 'http://localhost:4174';
const out = process.argv[3] ?? '/tmp/pair-shots';
const only = process.argv[4];
mkdirSync(out, { recursive: true });
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const today = new Date().toISOString().slice(0, 10);
const ID = '01960000-0000-7000-8000-00000000a1a1';

/** @param {Record<string, unknown>} options */
async function mockScript(options) {
  const result = await build({
    stdin: {
      contents: `import { installPairMock } from './src/test/doubles/pair.ts';
        window.__pairMock = installPairMock(${JSON.stringify(options)});`,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    write: false,
    target: 'es2022',
  });
  const [file] = result.outputFiles;
  if (!file) throw new Error('esbuild produced no output');
  return file.text;
}

/** @type {{ name: string, tab: string, mock?: object, run?: (page: import('playwright-core').Page) => Promise<void>, full?: boolean }[]} */
const SHOTS = [
  { name: 'overview', tab: 'overview', full: true },
  { name: 'goals', tab: 'goals', full: true },
  { name: 'meetings', tab: 'meetings', full: true },
  { name: 'notes', tab: 'notes', full: true },
  { name: 'graduation', tab: 'graduation', full: true },
  { name: 'graduation-ready', tab: 'graduation', mock: { allMet: true } },
  { name: 'goals-empty', tab: 'goals', mock: { empty: true } },
  { name: 'meetings-empty', tab: 'meetings', mock: { empty: true } },
  { name: 'notes-empty', tab: 'notes', mock: { empty: true } },
  { name: 'overview-empty', tab: 'overview', mock: { empty: true } },
  // Years of weekly history (240 weeks, from the core): the lists come a page at a time.
  { name: 'overview-long', tab: 'overview', mock: { history: 240 } },
  { name: 'goals-long', tab: 'goals', mock: { history: 240 } },
  {
    name: 'notes-long',
    tab: 'notes',
    mock: { history: 240 },
    run: async (page) => {
      await page.getByRole('button', { name: 'Show older notes' }).scrollIntoViewIfNeeded();
    },
  },
  {
    name: 'dialog-add-goal',
    tab: 'goals',
    run: async (page) => {
      await page.getByRole('button', { name: 'Add goal' }).click();
      await page.getByLabel('Milestones', { exact: true }).fill('Read the contributor guide\nPick a bug');
    },
  },
  {
    name: 'dialog-log-meeting',
    tab: 'meetings',
    run: async (page) => {
      await page.getByRole('button', { name: 'Log meeting' }).click();
      await page.getByLabel('Action item').first().fill('Rebase on master and push patch set 4');
    },
  },
  {
    name: 'dialog-add-note',
    tab: 'notes',
    run: async (page) => {
      await page.getByRole('button', { name: 'Add note' }).click();
      await page.getByLabel('Note', { exact: true }).fill('Ask about the PTG schedule.');
    },
  },
  {
    name: 'dialog-mark-met-error',
    tab: 'graduation',
    run: async (page) => {
      await page.getByRole('button', { name: 'Mark met' }).first().click();
      await page.getByLabel('Evidence link').fill('ftp://example.org/patch');
      await page.getByRole('button', { name: 'Mark as met' }).click();
    },
  },
  { name: 'graduated', tab: 'graduation', mock: { allMet: true, status: 'graduated' } },
  { name: 'ended', tab: 'overview', mock: { status: 'ended' } },
  {
    name: 'dialog-edit-pair',
    tab: 'overview',
    run: async (page) => {
      await page.getByRole('button', { name: 'Edit pair' }).click();
    },
  },
  {
    name: 'dialog-edit-meeting',
    tab: 'meetings',
    run: async (page) => {
      await page.getByRole('button', { name: /^Edit meeting of/ }).first().click();
    },
  },
  {
    name: 'timeline-list',
    tab: 'overview',
    full: true,
    run: async (page) => {
      await page.getByRole('button', { name: 'Show as list' }).click();
    },
  },
  {
    name: 'menu',
    tab: 'overview',
    run: async (page) => {
      await page.getByRole('button', { name: 'More pair actions' }).click();
    },
  },
  {
    name: 'focus-milestone',
    tab: 'goals',
    run: async (page) => {
      await page.getByRole('checkbox', { name: 'Push a first draft to Gerrit' }).focus();
      await page.keyboard.press('Tab');
    },
  },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});

try {
  for (const colorScheme of /** @type {const} */ (['light', 'dark'])) {
    for (const shot of SHOTS) {
      if (only && !shot.name.includes(only)) continue;
      const width = Number(process.env.WIDTH ?? 1280);
      const context = await browser.newContext({ viewport: { width, height: 860 }, colorScheme });
      await context.addInitScript(await mockScript({ today, ...(shot.mock ?? {}) }));
      const page = await context.newPage();
      /** @type {string[]} */
      const problems = [];
      page.on('pageerror', (e) => problems.push(String(e)));
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
      });
      await page.goto(`${base}/#/pair/${ID}/${shot.tab}`);
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(200);
      if (shot.run) await shot.run(page);
      await page.waitForTimeout(400);
      if (shot.full) {
        // The app scrolls inside <main>; grow the viewport to the content for a full picture.
        const height = await page.evaluate(() => {
          const main = document.querySelector('main');
          return main ? main.scrollHeight : document.body.scrollHeight;
        });
        await page.setViewportSize({ width, height: Math.max(860, Math.min(height, 4000)) });
        await page.waitForTimeout(150);
      }
      const file = join(out, `${shot.name}-${colorScheme}.png`);
      await page.screenshot({ path: file });
      console.log(file, problems.length ? `PROBLEMS: ${problems.join(' | ')}` : '');
      await context.close();
    }
  }
} finally {
  await browser.close();
}
