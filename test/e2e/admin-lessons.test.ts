import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, requireChromium } from '../support/browser.js';
import { FakeBotApi, startBotApiServer } from '../support/bot-api.js';
import { loginAs, openConsole, PHONE, shot } from '../support/console-page.js';
import { copy } from '../support/copy.js';
import { startWranglerDev, type WranglerDev } from '../support/wrangler-dev.js';
import { telegramTestEnv } from '../support/telegram-updates';

// A trainer on a phone writes a lesson into a course in the console, previews it as each
// channel shows it, publishes it after the confirmation, and sees its first version; the
// real bundle in workerd, driven by Chromium.

const TOKEN = 'trainer-e2e-token-0123456789';
const XSS = '<img src=x onerror=alert(1)>';
const en = (key: string) => copy(key, 'en');

const chromiumReady = requireChromium('the lesson console browser tests');

describe.skipIf(!chromiumReady)('lesson console in Chromium', () => {
  let bot: Awaited<ReturnType<typeof startBotApiServer>>;
  let worker: WranglerDev;
  let browser: Browser;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    bot = await startBotApiServer(new FakeBotApi());
    [worker, browser] = await Promise.all([
      startWranglerDev({
        vars: telegramTestEnv('lessons-e2e-secret', {
          TELEGRAM_API_ROOT: bot.url,
          ADMIN_TOKENS: `trainer:${TOKEN}`,
        }),
      }),
      launchChromium(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await worker?.stop();
    await bot?.close();
  });
  afterEach(async () => {
    await context?.close();
    context = undefined;
  });

  it('writes, previews, confirms and publishes a lesson', async () => {
    const tab = await openConsole(browser, PHONE, 'en');
    ({ context } = tab);
    const { page, problems } = tab;

    await loginAs(page, worker.url, TOKEN);
    await page.goto(`${worker.url}/admin/courses/shipping?lang=en`);
    await page.locator('[data-k=write-lesson]').click();
    await page.waitForURL((url) => url.pathname === '/admin/courses/shipping/lessons');

    const fill = (name: string, value: string) => page.locator(`[name=${name}]`).fill(value);
    await fill('id', 'jars_post');
    await fill('title_zh', '邮寄玻璃罐');
    await fill('title_en', `Jars in the post ${XSS}`);
    await fill('body_zh', '每个罐子用纸包好，再放进**纸箱**。[^ours]');
    await fill('body_en', 'Wrap each jar in paper, then put it in a **box**.[^ours]');
    await fill('sources', 'ours');
    await page.getByRole('button', { name: en('admin_lessons.console.preview') }).click();
    const telegram = page.locator('[data-preview=en] [data-channel=telegram] .bubble').first();
    await expect.poll(() => telegram.innerHTML()).toContain('<b>box</b>');
    expect(await page.locator('[data-preview=en] [data-channel=wechat]').textContent()).toContain(
      'Wrap each jar',
    );
    expect(
      await page.locator('[data-preview=zh-CN] [data-channel=webchat] b').allTextContents(),
    ).toContain('纸箱');
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      390,
    );
    await shot(page, 'lesson-preview-phone');

    await page.locator('form.card button[value=publish]').click();
    await expect
      .poll(() => page.locator('#confirm').textContent())
      .toContain(copy('admin_lessons.console.confirm_publish', 'en', { count: 0 }));
    await page.locator('#confirm button[type=submit]').click();
    await page.waitForURL((url) => url.pathname === '/admin/courses/shipping/lessons/jars_post');
    expect(await page.locator('#versions [data-version="1"]').count()).toBe(1);
    expect(problems).toEqual([]);
  });
});
