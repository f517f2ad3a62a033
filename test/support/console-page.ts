import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Locale } from '../../src/core/message';
import { startBotApiServer, type FakeBotApi } from './bot-api.js';
import { launchChromium } from './browser.js';
import { SCREENSHOT_DIR } from './screenshots.js';
import { telegramTestEnv } from './telegram-updates.js';
import { startWranglerDev, type WranglerDev } from './wrangler-dev.js';

/** A phone (390×844, touch) as the console's browser tests drive it. */
export const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};

/** A laptop screen (1280×800). */
export const LAPTOP = { viewport: { width: 1280, height: 800 } };

/** A browser shape: {@link PHONE}, {@link LAPTOP} or any context options with a viewport. */
export type Shape = { viewport: { width: number; height: number } } & Record<string, unknown>;

/** One console tab in a fresh browser context, and what went wrong on it. */
export interface ConsoleTab {
  context: BrowserContext;
  page: Page;
  /** Dialogs, uncaught page errors and console errors (a CSP refusal is one), in order. */
  problems: string[];
}

/**
 * A fresh browser context (no cookies) of one shape and language, with one page that records
 * every dialog (dismissed), page error and console error into `problems`, so a journey can
 * end with `expect(problems).toEqual([])`.
 */
export async function openConsole(
  browser: Browser,
  shape: Shape,
  locale: string,
  options: { acceptDownloads?: boolean } = {},
): Promise<ConsoleTab> {
  const context = await browser.newContext({ ...shape, locale, ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const problems: string[] = [];
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  // A form answered 400 with its problems shown is the console working as meant; the
  // browser still logs "Failed to load resource" for that page. Only such pages are excused
  // (a failing poll or script is not): the message is weighed once the response is known.
  const refusedPages = new Set<string>();
  page.on('response', (r) => {
    if (r.request().resourceType() === 'document' && r.status() >= 400) refusedPages.add(r.url());
  });
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const text = m.text();
    const url = m.location().url;
    setTimeout(() => {
      if (text.startsWith('Failed to load resource') && refusedPages.has(url)) return;
      problems.push(`console: ${text}`);
    }, 100);
  });
  return { context, page, problems };
}

/** Log in through the login form with a token; resolves once the console has left the login page. */
export async function loginAs(page: Page, baseUrl: string, token: string): Promise<void> {
  await page.goto(`${baseUrl}/admin`);
  await page.locator('#token').fill(token);
  await page.locator('form.login button[type=submit]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/admin/login'));
}

/** Switch the console's language with the header's language link (it stays on the page). */
export async function switchLanguage(page: Page, locale: Locale): Promise<void> {
  await page.locator(`header .lang a[lang="${locale}"]`).click();
  await page.waitForFunction(`document.documentElement.lang === ${JSON.stringify(locale)}`);
}

/** Nothing on the page is wider than the screen. */
export async function fitsWidth(page: Page, width: number): Promise<void> {
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
    width,
  );
}

/** A full-page screenshot into {@link SCREENSHOT_DIR} as `<name>.png`. */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** `ADMIN_TOKENS` as the Worker reads it, from role → token. */
export function adminTokensVar(tokens: Readonly<Record<string, string>>): string {
  return Object.entries(tokens)
    .map(([role, token]) => `${role}:${token}`)
    .join(',');
}

// The page checks run in the browser; they are source text because this project's
// TypeScript has no DOM types.

const UNTRANSLATED = `(zh) => {
  const found = [];
  const key = /^[a-z][A-Za-z_]*(\\.[a-z][A-Za-z0-9_]*)+$/;
  // Names that stay as they are in Chinese copy: products, formats, codes.
  const allowed =
    /^(CSV|JSONL|JSON|Lines|YAML|Stata|SPSS|XLSForm|xlsx|Telegram|WeChat|UTC|EN|PNG|ID|Excel|Markdown|Bot)$/i;
  const skip = 'code, pre, script, style, .bubble, .answers, .chat, .excerpt, textarea, datalist';
  const chrome = 'label, button, h1, h2, h3, th, option, summary, legend, nav, .button';
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    const text = (n.textContent || '').trim();
    if (!el || text === '' || el.closest(skip)) continue;
    if (key.test(text)) found.push(text);
    else if (zh && el.closest(chrome)) {
      const words = (text.match(/[A-Za-z]{4,}/g) || []).filter((w) => !allowed.test(w));
      if (words.length > 0) found.push(text);
    }
  }
  for (const el of document.querySelectorAll('[placeholder], [aria-label], [title]'))
    for (const attr of ['placeholder', 'aria-label', 'title'])
      if (key.test(el.getAttribute(attr) || '')) found.push(el.getAttribute(attr));
  return found;
}`;

const UNSTYLED = `() =>
  [...document.querySelectorAll('main input, main select, main textarea')]
    .filter((el) => !['hidden', 'radio', 'checkbox', 'file', 'submit'].includes(el.type))
    .filter((el) => el.offsetParent !== null)
    .filter((el) => getComputedStyle(el).borderTopLeftRadius !== '8px')
    .map((el) => el.tagName.toLowerCase() + '[name=' + el.getAttribute('name') + ']')`;

const BROKEN_CELLS = `() =>
  [...document.querySelectorAll('main th, main td')]
    .filter((cell) => cell.offsetParent !== null)
    .filter((cell) => cell.tagName === 'TH' || (cell.textContent || '').trim().length <= 40)
    .filter((cell) => {
      const text = (cell.textContent || '').trim();
      if (text === '') return false;
      const range = document.createRange();
      range.selectNodeContents(cell);
      // Fragments on one line may sit a few pixels apart (a code font): lines are 8px+ apart.
      const bottoms = [...range.getClientRects()].map((r) => r.bottom).sort((a, b) => a - b);
      const lines = bottoms.filter((b, i) => i === 0 || b - bottoms[i - 1] > 8).length;
      // A sentence may wrap; a squeezed column (under 6em) breaking its words may not.
      const em = parseFloat(getComputedStyle(cell).fontSize);
      return lines > text.split(/\\s+/).length && cell.getBoundingClientRect().width < 6 * em;
    })
    .map((cell) => (cell.textContent || '').trim())`;

/**
 * What on the page reads as unfinished copy: text that is an i18n key (`surveys.something`)
 * and, in the Chinese console, English words in the console's own chrome (labels, buttons,
 * headings, table headers, options, summaries, legends). Content people typed, codes and
 * chat previews are left out.
 */
export function untranslated(page: Page, locale: Locale): Promise<string[]> {
  return page.evaluate<string[]>(`(${UNTRANSLATED})(${locale === 'zh-CN'})`);
}

/** Visible text fields and pickers without the console's field style (its 8px rounded border). */
export function unstyledInputs(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`(${UNSTYLED})()`);
}

/**
 * Table headers, and short table cells (a pseudonym, a channel, a time) squeezed into a
 * narrow column, whose words break inside a word: over more lines than they have words
 * (unreadable on a phone).
 */
export function brokenCells(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`(${BROKEN_CELLS})()`);
}

/** The checks every console page must pass at any size: fits, translated, styled. */
export async function pageLooksRight(page: Page, locale: Locale, width: number): Promise<void> {
  await fitsWidth(page, width);
  expect(await untranslated(page, locale), page.url()).toEqual([]);
  expect(await unstyledInputs(page), page.url()).toEqual([]);
  expect(await brokenCells(page), page.url()).toEqual([]);
}

/** What a console browser test runs against: see {@link startConsoleWorld}. */
export interface ConsoleWorld {
  bot: Awaited<ReturnType<typeof startBotApiServer>>;
  worker: WranglerDev;
  browser: Browser;
  /** Stop all three. */
  stop(): Promise<void>;
}

/**
 * The Bot API stand-in answering from `api`, the built Worker in workerd with Telegram on
 * (pointed at the stand-in) and these console tokens, and Chromium, started together.
 */
export async function startConsoleWorld(
  api: FakeBotApi,
  secret: string,
  tokens: Readonly<Record<string, string>>,
): Promise<ConsoleWorld> {
  const bot = await startBotApiServer(api);
  const [worker, browser] = await Promise.all([
    startWranglerDev({
      vars: telegramTestEnv(secret, {
        TELEGRAM_API_ROOT: bot.url,
        ADMIN_TOKENS: adminTokensVar(tokens),
      }),
    }),
    launchChromium(),
  ]);
  return {
    bot,
    worker,
    browser,
    async stop() {
      await browser.close();
      await worker.stop();
      await bot.close();
    },
  };
}
