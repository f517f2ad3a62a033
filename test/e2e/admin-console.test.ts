import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { requireChromium } from '../support/browser.js';
import { FakeBotApi } from '../support/bot-api.js';
import {
  fitsWidth,
  LAPTOP,
  loginAs,
  openConsole,
  PHONE,
  shot,
  type Shape,
  startConsoleWorld,
  type ConsoleWorld,
} from '../support/console-page.js';
import { copy } from '../support/copy.js';
import type { WranglerDev } from '../support/wrangler-dev.js';

// The admin console in Chromium against the real bundle in workerd: a trainer logs in on a
// phone, pushes an update to people onboarded over the Telegram webhook and watches it go out
// (the page updates itself), logs out; an admin reads the overview and the audit log on a
// laptop. Screenshots of the main pages go to SCREENSHOT_DIR (default: a temp dir).

const SECRET = 'admin-e2e-secret';
const TOKENS = {
  admin: 'admin-e2e-token-0123456789',
  trainer: 'trainer-e2e-token-0123456789',
  researcher: 'research-e2e-token-0123456789',
};
const XSS = '<img src=x onerror=alert(1)>';
const en = (key: string) => copy(key, 'en');
const zh = (key: string) => copy(key, 'zh-CN');

const chromiumReady = requireChromium('the admin console browser tests');

describe.skipIf(!chromiumReady)('admin console in Chromium', () => {
  const api = new FakeBotApi();
  let worker: WranglerDev;
  let browser: Browser;
  let world: ConsoleWorld | undefined;
  let context: BrowserContext | undefined;
  let updateId = 9000;

  beforeAll(async () => {
    world = await startConsoleWorld(api, SECRET, TOKENS);
    ({ worker, browser } = world);
    // Five sellers onboard over the webhook: three in Chinese, two in English.
    for (const [id, locale] of [
      [701, 'zh-CN'],
      [702, 'zh-CN'],
      [703, 'zh-CN'],
      [704, 'en'],
      [705, 'en'],
    ] as const)
      await onboard(id, locale);
  });
  afterAll(async () => {
    await world?.stop();
  });
  afterEach(async () => {
    await context?.close();
    context = undefined;
  });

  async function deliver(update: object): Promise<void> {
    const res = await fetch(`${worker.url}/telegram/webhook`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': SECRET },
      body: JSON.stringify(update),
    });
    expect(res.status).toBe(200);
    await res.arrayBuffer();
  }

  async function onboard(id: number, locale: 'zh-CN' | 'en'): Promise<void> {
    const from = {
      id,
      is_bot: false,
      first_name: `S${id}`,
      language_code: locale === 'en' ? 'en' : 'zh-hans',
    };
    const chat = { id, type: 'private' };
    const say = (text: string) =>
      deliver({
        update_id: ++updateId,
        message: { message_id: updateId, date: 0, chat, from, text },
      });
    await say('/start');
    await deliver({
      update_id: ++updateId,
      callback_query: {
        id: `cq${updateId}`,
        from,
        chat_instance: 'x',
        data: `1|${locale}`,
        message: { message_id: 1, date: 0, chat },
      },
    });
    for (const answer of locale === 'en'
      ? ['Furniture', 'Zhejiang', en('onboarding.stage.few_orders'), en('common.yes')]
      : ['家具', '浙江', zh('onboarding.stage.few_orders'), zh('common.yes')])
      await say(answer);
  }

  /** A fresh browser (no cookies) of one shape, failing the test on page errors or dialogs. */
  async function open(shape: Shape, locale: string) {
    const tab = await openConsole(browser, shape, locale);
    context = tab.context;
    return tab;
  }

  const login = (page: Page, token: string) => loginAs(page, worker.url, token);

  it('a trainer on a phone pushes an update, watches it complete, and logs out', async () => {
    const { page, problems } = await open(PHONE, 'zh-CN');
    await page.goto(`${worker.url}/admin/broadcasts`);
    expect(new URL(page.url()).pathname).toBe('/admin/login');
    await shot(page, 'login-phone');
    await login(page, TOKENS.trainer);
    expect(new URL(page.url()).pathname).toBe('/admin/broadcasts');
    // A trainer sees pushes, courses and sellers' questions, not the overview or the audit log.
    expect(await page.locator('nav a').allTextContents()).toEqual([
      zh('admin.nav.broadcasts'),
      zh('admin.nav.courses'),
      zh('admin.nav.questions'),
    ]);

    await page.getByRole('link', { name: zh('admin.jobs.new') }).click();
    await page.locator('#message_zh').fill(`**新课**：包装与运输 ${XSS}`);
    await page.locator('#message_en').fill('**New lesson**: packing and shipping');
    await page.getByRole('button', { name: zh('admin.push.preview_button') }).click();
    await expect
      .poll(() => page.locator('#preview').textContent())
      .toContain(copy('admin.push.reaches', 'zh-CN', { count: 5 }));
    const bubble = page.locator('#preview .bubble').first();
    expect(await bubble.locator('b').textContent()).toBe('新课');
    expect(await bubble.textContent()).toContain(XSS);
    expect(await page.locator('main img').count()).toBe(0);
    await fitsWidth(page, PHONE.viewport.width);
    await shot(page, 'push-preview-phone');

    api.reset();
    await page.getByRole('button', { name: zh('admin.push.send_button'), exact: true }).click();
    await page.waitForURL(/\/admin\/broadcasts\/[^/]+\?sent=1$/);
    const pill = page.locator('[data-status]').first();
    // The page updates itself (no reload) until the job is done.
    await expect.poll(() => pill.textContent(), { timeout: 30_000 }).toBe(zh('admin.status.done'));
    expect(await page.locator('[data-k="sent"]').first().textContent()).toBe('5');
    expect(await page.locator('[data-k="pending"]').first().textContent()).toBe('0');
    expect(await page.locator('[data-cancel]').isHidden()).toBe(true);
    expect(api.delivered().sort()).toEqual([701, 702, 703, 704, 705]);
    const texts = api.of('sendMessage').map((m) => m.text);
    expect(texts.filter((t) => t === '<b>New lesson</b>: packing and shipping')).toHaveLength(2);
    expect(
      texts.filter((t) => t === `<b>新课</b>：包装与运输 &lt;img src=x onerror=alert(1)&gt;`),
    ).toHaveLength(3);
    await fitsWidth(page, PHONE.viewport.width);
    await shot(page, 'push-done-phone');

    await page.getByRole('link', { name: zh('admin.nav.courses') }).click();
    await page.waitForURL(/\/admin\/courses$/);
    await page.locator('h1', { hasText: zh('admin.courses.title') }).waitFor();
    await fitsWidth(page, PHONE.viewport.width);
    await shot(page, 'courses-phone');

    await page.getByRole('button', { name: zh('admin.logout') }).click();
    await page.waitForURL(/\/admin\/login$/);
    await page.goto(`${worker.url}/admin/broadcasts`);
    expect(new URL(page.url()).pathname).toBe('/admin/login');
    expect(problems).toEqual([]);
  }, 90_000);

  it('an admin on a laptop reads the overview and the audit log, in English', async () => {
    const { page, problems } = await open(LAPTOP, 'en-US');
    await login(page, TOKENS.admin);
    expect(new URL(page.url()).pathname).toBe('/admin/overview');
    expect(await page.locator('h1').textContent()).toBe(en('admin.overview.title'));
    const stat = (label: string) =>
      page.locator('.stat', { hasText: label }).locator('b').textContent();
    expect(await stat(en('admin.overview.users'))).toBe('5');
    expect(await stat(en('admin.overview.active7'))).toBe('5');
    expect(
      await page
        .locator(`svg[aria-label^="${en('admin.overview.by_language')}"]`)
        .getAttribute('aria-label'),
    ).toContain('Chinese: 3; English: 2');
    await shot(page, 'overview-laptop');

    await page.getByRole('link', { name: en('admin.nav.audit') }).click();
    const rows = await page.locator('tbody tr').allTextContents();
    // Plain sentences in English, with China time.
    expect(
      rows.some((r) => r.includes('trainer#1 (Trainer) sent a push') && r.includes('to 5 people')),
    ).toBe(true);
    expect(rows.some((r) => r.includes('trainer#1 (Trainer) signed out'))).toBe(true);
    expect(rows.every((r) => r.includes('UTC+8'))).toBe(true);
    await shot(page, 'audit-laptop');

    await page.getByRole('link', { name: en('admin.nav.broadcasts') }).click();
    await expect
      .poll(() => page.locator('.item .pill').first().textContent())
      .toBe(en('admin.status.done'));
    await shot(page, 'pushes-laptop');

    await page.getByRole('link', { name: '中文' }).click();
    expect(await page.locator('h1').textContent()).toBe(zh('admin.jobs.title'));
    expect(problems).toEqual([]);
  }, 60_000);

  it('refuses a wrong token and a trainer on the overview', async () => {
    const { page } = await open(PHONE, 'en-US');
    await page.goto(`${worker.url}/admin/login`);
    await page.locator('#token').fill('not-the-right-token-at-all');
    await page.locator('form.login button[type=submit]').click();
    expect(await page.locator('.error').textContent()).toContain(en('admin.login.wrong'));
    await login(page, TOKENS.trainer);
    const res = await page.goto(`${worker.url}/admin/overview`);
    expect(res?.status()).toBe(403);
    expect(await page.locator('h1').textContent()).toBe(en('admin.forbidden.title'));
  }, 60_000);
});
