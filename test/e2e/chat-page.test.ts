import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { content } from '../../src/content/index.js';
import { launchChromium, requireChromium } from '../support/browser.js';
import { copy } from '../support/copy.js';
import { startWranglerDev, type WranglerDev } from '../support/wrangler-dev.js';

const MENU_IDS = (content.lists.menu ?? []).map((item) => item.id);
const zh = (key: string) => copy(key, 'zh-CN');
const en = (key: string) => copy(key, 'en');

// The /chat page in headless Chromium at a phone's size, against the real Worker in workerd.
// In-page code is passed as strings: the project's tsconfig has no DOM lib (Workers types only).

const PHONE = { width: 390, height: 844 };
const SCREENSHOT = '/tmp/chat-page.png';
const XSS = '<img src=x onerror=alert(1)>';

const chromiumReady = requireChromium('the /chat page browser tests');

describe.skipIf(!chromiumReady)('/chat page in Chromium (phone)', () => {
  let dev: WranglerDev;
  let browser: Browser;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    [dev, browser] = await Promise.all([startWranglerDev(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await dev?.stop();
  });
  afterEach(async () => {
    await context?.close();
    context = undefined;
  });

  /** A fresh visitor (no cookie) on a phone, with page errors and dialogs recorded. */
  async function openChat(locale: 'zh-CN' | 'en-US', path = '/chat') {
    context = await browser.newContext({
      viewport: PHONE,
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const dialogs: string[] = [];
    const errors: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      // The Worker serves no /favicon.ico; Chromium asks for it and logs the 404.
      if (message.location().url.endsWith('/favicon.ico')) return;
      if (message.type() === 'error') errors.push(message.text());
    });
    const response = await page.goto(`${dev.url}${path}`);
    expect(response?.status()).toBe(200);
    return { page, dialogs, errors };
  }

  /** Waits for a bot bubble containing `text`. */
  async function botSays(page: Page, text: string): Promise<void> {
    await page.locator('.msg.bot', { hasText: text }).last().waitFor();
  }

  /** Taps the button `choiceId` of the latest question once it is there and enabled. */
  async function tapChoice(page: Page, choiceId: string): Promise<void> {
    const button = page.locator('.choices').last().locator(`button[data-choice="${choiceId}"]`);
    await button.waitFor();
    await button.tap();
  }

  /** Types into #input and presses Enter, as on a phone keyboard's send key. */
  async function typeAndEnter(page: Page, text: string): Promise<void> {
    const input = page.locator('#input');
    await input.tap();
    await input.pressSequentially(text);
    await input.press('Enter');
  }

  /** Enabled state of every choice button, row by row. */
  function buttonStates(page: Page): Promise<boolean[][]> {
    return page.evaluate<boolean[][]>(
      `Array.from(document.querySelectorAll('.choices'), (row) =>
        Array.from(row.querySelectorAll('button'), (b) => !b.disabled))`,
    );
  }

  it('onboards in Chinese by tapping and typing, and looks right on a phone', async () => {
    const { page, dialogs, errors } = await openChat('zh-CN');

    // A fresh visitor is greeted without typing anything.
    await botSays(page, zh('onboarding.ask_language'));
    const first = await page.locator('.msg.bot').allTextContents();
    expect(first[0]).toContain(zh('onboarding.welcome'));
    expect(first[1]).toBe(zh('onboarding.ask_language'));
    expect(await page.locator('#title').textContent()).toBe(await page.title());

    await tapChoice(page, 'zh-CN');
    await botSays(page, zh('onboarding.ask_category'));
    // The tapped answer is shown as the person's bubble, and the old buttons are disabled.
    await expect.poll(() => page.locator('.msg.me').last().textContent()).toBe('中文');
    expect(await buttonStates(page)).toEqual([[false, false], Array(7).fill(true)]);
    expect(await page.locator('button[data-choice="zh-CN"]').isDisabled()).toBe(true);

    await tapChoice(page, 'furniture');
    await botSays(page, zh('onboarding.ask_province'));
    await typeAndEnter(page, '浙江');
    await botSays(page, zh('onboarding.ask_stage'));
    await tapChoice(page, 'few_orders');
    await botSays(page, zh('onboarding.ask_consent'));
    expect(await page.locator('#input').inputValue()).toBe('');
    await tapChoice(page, 'yes');

    await botSays(page, zh('onboarding.done'));
    await botSays(page, zh('menu.prompt'));
    const menu = page.locator('.choices').last().locator('button');
    await expect
      .poll(async () => Promise.all((await menu.all()).map((b) => b.getAttribute('data-choice'))))
      .toEqual(MENU_IDS);
    const states = await buttonStates(page);
    expect(states.slice(0, -1).flat()).not.toContain(true);
    expect(states.at(-1)).toEqual(MENU_IDS.map(() => true));

    // Phone layout: nothing wider than the screen, the input row on screen, the log scrolled down.
    const layout = await page.evaluate<{
      scrollWidth: number;
      formBottom: number;
      formHeight: number;
      logAtBottom: boolean;
    }>(`(() => {
      const form = document.getElementById('form').getBoundingClientRect();
      const log = document.getElementById('log');
      return {
        scrollWidth: document.documentElement.scrollWidth,
        formBottom: form.bottom,
        formHeight: form.height,
        logAtBottom: log.scrollTop + log.clientHeight >= log.scrollHeight - 2,
      };
    })()`);
    expect(layout.scrollWidth).toBeLessThanOrEqual(PHONE.width);
    expect(layout.formBottom).toBeLessThanOrEqual(PHONE.height);
    expect(layout.formHeight).toBeGreaterThan(30);
    expect(layout.logAtBottom).toBe(true);
    await page.screenshot({ path: SCREENSHOT });

    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('onboards in English and switches the page chrome to English', async () => {
    const { page, errors } = await openChat('en-US');
    await botSays(page, en('onboarding.welcome'));
    await tapChoice(page, 'en');
    await botSays(page, en('onboarding.ask_category'));
    expect(await page.locator('#send').textContent()).toBe(en('webchat.send'));
    expect(await page.locator('#input').getAttribute('placeholder')).toBe(
      en('webchat.placeholder'),
    );
    await tapChoice(page, 'handicrafts');
    await botSays(page, en('onboarding.ask_province'));
    await typeAndEnter(page, 'Zhejiang');
    await botSays(page, en('onboarding.ask_stage'));
    await tapChoice(page, 'not_selling');
    await botSays(page, en('onboarding.ask_consent'));
    await tapChoice(page, 'yes');
    await botSays(page, en('onboarding.done'));
    await botSays(page, en('menu.prompt'));
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.screenshot({ path: SCREENSHOT.replace('.png', '-en.png') });
    expect(errors).toEqual([]);
  });

  it('starts the survey a console link names, and says an unknown one kindly', async () => {
    const { page, errors } = await openChat('zh-CN', '/chat?start=survey_seller_baseline');
    await botSays(page, zh('surveys.consent_ask'));
    // The address loses the parameter, so a reload does not start the survey again.
    expect(new URL(page.url()).search).toBe('');
    await context?.close();
    const other = await openChat('en-US', '/chat?start=survey_no_such_survey');
    await botSays(other.page, copy('surveys.not_found', 'en', { id: 'no_such_survey' }));
    expect([...errors, ...other.errors]).toEqual([]);
  });

  it('shows typed markup as text: no element injected, no dialog', async () => {
    const { page, dialogs, errors } = await openChat('zh-CN');
    await botSays(page, zh('onboarding.ask_language'));
    await typeAndEnter(page, XSS);
    // The bot answers (it asks the question again), so the typed text went all the way round.
    await expect.poll(() => page.locator('.msg.bot').count()).toBeGreaterThan(2);
    const mine = page.locator('.msg.me').last();
    expect(await mine.textContent()).toBe(XSS);
    expect(await mine.locator('*').count()).toBe(0);
    expect(await page.locator('img').count()).toBe(0);
    // Give a would-be onerror handler time to fire.
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('retries a 503 with the same messageId, and the answer appears once', async () => {
    const { page, errors } = await openChat('en-US');
    await botSays(page, en('onboarding.ask_language'));
    const seen: string[] = [];
    let refused = 0;
    await page.route('**/webchat/api/messages', async (route) => {
      const body = JSON.parse(route.request().postData() ?? '{}') as { messageId?: string };
      seen.push(body.messageId ?? '');
      // The first two tries meet a busy store; the third gets through.
      if (refused < 2) {
        refused += 1;
        await route.fulfill({ status: 503, contentType: 'application/json', body: '{}' });
      } else await route.continue();
    });
    await tapChoice(page, 'en');
    await botSays(page, en('onboarding.ask_category'));
    expect(seen).toHaveLength(3);
    expect(new Set(seen).size).toBe(1);
    expect(await page.locator('.msg.err').count()).toBe(0);
    expect(await page.locator('.msg.bot', { hasText: en('onboarding.ask_category') }).count()).toBe(
      1,
    );
    expect(errors.filter((e) => !e.includes('503'))).toEqual([]);
  });

  it('a lost session says so in the chat’s language, and the buttons come back', async () => {
    const { page } = await openChat('zh-CN');
    await botSays(page, zh('onboarding.ask_language'));
    await page.route('**/webchat/api/messages', (route) =>
      route.fulfill({
        status: 401,
        contentType: 'application/json',
        body: JSON.stringify({ error: 'no_session', fields: { userId: ['x'] } }),
      }),
    );
    await tapChoice(page, 'zh-CN');
    await page.locator('.msg.err', { hasText: zh('webchat.error_session') }).waitFor();
    // No raw field dump, and the question can be answered again once the page is reloaded.
    expect(await page.locator('.msg.err').last().textContent()).toBe(zh('webchat.error_session'));
    expect(await page.locator('.choices').last().locator('button:enabled').count()).toBeGreaterThan(
      0,
    );
  });
});
