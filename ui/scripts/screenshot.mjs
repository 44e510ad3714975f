// Screenshots of the built UI in headless Chromium, light and dark, for a
// person to look at:
//   npm run build && npm run shots [-- <base-url> <out-dir> <name-filter>]
// Without a base URL the script serves dist/ itself (vite preview). The Rust
// side is replaced by src/test/doubles/app.ts, bundled here on its own and injected
// before the page loads, so screens show realistic data; the mock never
// enters the app's bundle. Each shot names a mock scenario (`full`, `empty`,
// `error`, `draft`) and optional steps that drive the page first.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = process.argv[3] ?? '/tmp/ui-shots';
const only = process.argv[4] ?? '';
mkdirSync(out, { recursive: true });

/** @typedef {import('playwright-core').Page} Page */
/**
 * @typedef {object} Shot
 * @property {string} name
 * @property {string} hash
 * @property {'full' | 'empty' | 'error' | 'draft'} [mock]
 * @property {'opposite'} [theme] the person chose the other scheme in Settings
 * @property {(page: Page) => Promise<void>} [steps]
 * @property {{ width: number, height: number }} [viewport]
 */

const ctrl = process.platform === 'darwin' ? 'Meta' : 'Control';

/** @type {Shot[]} */
const SHOTS = [
  { name: 'home', hash: '#/' },
  {
    name: 'home-other',
    hash: '#/',
    steps: async (page) => {
      await page.getByRole('heading', { name: 'Other pairs' }).scrollIntoViewIfNeeded();
    },
  },
  { name: 'home-empty', hash: '#/', mock: 'empty' },
  { name: 'home-error', hash: '#/', mock: 'error' },
  {
    name: 'new-pair',
    hash: '#/',
    steps: async (page) => {
      await page.getByRole('button', { name: 'New pair' }).click();
      await page.getByText('Merged one patch').waitFor();
      await page.getByRole('radio', { name: 'Mentor' }).check();
      await page.getByLabel('Partner name').fill('Noor Haddad');
      await page.getByLabel('Partner time zone').selectOption('Asia/Amman');
    },
  },
  {
    name: 'new-pair-error',
    hash: '#/',
    steps: async (page) => {
      await page.getByRole('button', { name: 'New pair' }).click();
      await page.getByText('Merged one patch').waitFor();
      await page.getByRole('radio', { name: 'Mentee' }).check();
      await page.getByRole('button', { name: 'Create pair' }).click();
      await page.getByText('Must not be empty.').waitFor();
    },
  },
  {
    name: 'quick-note',
    hash: '#/pair/01960000-0000-7000-8000-00000000a1a1/notes',
    mock: 'draft',
    steps: async (page) => {
      await page.keyboard.press(`${ctrl}+n`);
      await page.getByText(/^Draft from/).waitFor();
    },
  },
  {
    name: 'quick-note-pick-pair',
    hash: '#/',
    steps: async (page) => {
      await page.keyboard.press(`${ctrl}+n`);
      await page.getByRole('textbox', { name: 'Note' }).fill('Priya asked for examples of accepted CFP abstracts');
      await page.getByText('Draft saved').waitFor();
    },
  },
  {
    name: 'search',
    hash: '#/search',
    steps: async (page) => {
      await page.getByRole('searchbox', { name: 'Search' }).fill('devstack');
      await page.getByRole('list', { name: 'Results' }).waitFor();
    },
  },
  { name: 'search-empty', hash: '#/search' },
  {
    name: 'search-none',
    hash: '#/search',
    steps: async (page) => {
      await page.getByRole('searchbox', { name: 'Search' }).fill('kubernetes operator');
      await page.getByRole('heading', { name: 'Nothing matches' }).waitFor();
    },
  },
  { name: 'pair', hash: '#/pair/01960000-0000-7000-8000-00000000a1a1/goals' },
  { name: 'organizer', hash: '#/organizer' },
  {
    name: 'organizer-report',
    hash: '#/organizer',
    viewport: { width: 1200, height: 1500 },
    steps: async (page) => {
      await page.getByRole('button', { name: 'Choose folder…' }).click();
      await page.getByRole('heading', { name: 'OpenStack Mentoring' }).waitFor();
    },
  },
  {
    name: 'organizer-k1',
    hash: '#/organizer',
    steps: async (page) => {
      await page.getByRole('button', { name: 'Choose folder…' }).click();
      await page.getByLabel('Minimum group size').fill('1');
      await page.getByRole('button', { name: 'Apply' }).click();
      await page.getByText(/Showing groups as small as 1/).waitFor();
    },
  },
  { name: 'checkin', hash: '#/pair/01960000-0000-7000-8000-00000000a1a1/checkin', viewport: { width: 1200, height: 1400 } },
  {
    name: 'checkin-missing',
    hash: '#/pair/01960000-0000-7000-8000-00000000a1a1/checkin',
    steps: async (page) => {
      await page.getByRole('button', { name: 'Save answers and preview' }).click();
      await page.getByText(/questions need an answer/).waitFor();
    },
  },
  {
    name: 'checkin-keyboard',
    hash: '#/pair/01960000-0000-7000-8000-00000000a1a1/checkin',
    steps: async (page) => {
      await page.getByRole('radio', { name: 'Weekly' }).focus();
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('Tab');
      await page.keyboard.press('ArrowRight');
    },
  },
  {
    name: 'checkin-preview',
    hash: '#/pair/01960000-0000-7000-8000-00000000a1a1/checkin',
    viewport: { width: 1200, height: 1000 },
    steps: async (page) => {
      await page.locator('fieldset[data-question]').first().waitFor();
      for (const group of await page.locator('fieldset[data-question]').all()) {
        if ((await group.locator('input:checked').count()) === 0) await group.locator('label').nth(2).click();
      }
      await page.getByRole('button', { name: 'Save answers and preview' }).click();
      await page.getByRole('button', { name: 'Add a comment' }).click();
      await page.getByLabel('Comment for the organizers').fill('The weekly calls kept me going.');
      await page.getByLabel('Include this comment in the survey file').check();
      await page.getByLabel('Survey file text').getByText('"comment"').waitFor();
    },
  },
  { name: 'settings', hash: '#/settings', viewport: { width: 1200, height: 1100 } },
  { name: 'settings-error', hash: '#/settings', mock: 'error' },
  { name: 'not-found', hash: '#/nowhere' },
  {
    name: 'focus',
    hash: '#/',
    steps: async (page) => {
      for (let i = 0; i < 15; i++) await page.keyboard.press('Tab'); // skip link, brand, nav, 6 pairs, quick note, settings, New pair, first card
    },
  },
  // The OS asks for one scheme, the person chose the other in Settings.
  { name: 'settings-override', hash: '#/settings', theme: 'opposite' },
];

/** The mock backend as one script that defines `TrellisMock`. */
async function bundleMock() {
  const result = await build({
    root,
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: false,
      lib: { entry: join(root, 'src/test/doubles/app.ts'), formats: ['iife'], name: 'TrellisMock', fileName: 'mock' },
    },
  });
  const outputs = Array.isArray(result) ? result : [result];
  for (const o of outputs) {
    if ('output' in o) {
      const chunk = o.output.find((c) => c.type === 'chunk');
      if (chunk && chunk.type === 'chunk') return chunk.code;
    }
  }
  throw new Error('could not bundle src/test/doubles/app.ts');
}

let server;
let base = process.argv[2];
if (!base) {
  if (!existsSync(join(root, 'dist/index.html'))) throw new Error('Run `npm run build` first.');
  server = await preview({ root, configFile: false, logLevel: 'silent', preview: { port: 4173 } });
  base = (server.resolvedUrls?.local[0] ?? 'http://localhost:4173/').replace(/\/$/, '');
}
const mockCode = await bundleMock();

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});

try {
  for (const colorScheme of /** @type {const} */ (['light', 'dark'])) {
    for (const shot of SHOTS) {
      if (only && !shot.name.includes(only)) continue;
      const context = await browser.newContext({
        viewport: shot.viewport ?? { width: 1200, height: 780 }, // the app window's size
        colorScheme,
        timezoneId: 'Europe/Berlin',
        locale: 'en-GB',
      });
      if (shot.theme === 'opposite') {
        const chosen = colorScheme === 'light' ? 'dark' : 'light';
        await context.addInitScript((value) => localStorage.setItem('trellis.theme', value), chosen);
      }
      await context.addInitScript({
        content: `${mockCode}\nTrellisMock.installAppMock(${JSON.stringify(shot.mock ?? 'full')});`,
      });
      const page = await context.newPage();
      page.on('pageerror', (e) => console.error(`${shot.name}: ${e.message}`));
      await page.goto(`${base}/${shot.hash}`);
      await page.waitForLoadState('networkidle');
      if (shot.steps) await shot.steps(page);
      await page.waitForTimeout(400); // let enter animations finish before the picture
      const file = join(out, `${shot.name}-${colorScheme}.png`);
      await page.screenshot({ path: file });
      console.log(file);
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server?.close();
}
