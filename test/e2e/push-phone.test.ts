import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TEST_TOKENS, adminTestApp, type AdminTestApp } from '../support/admin-app.js';
import { launchChromium, requireChromium } from '../support/browser.js';
import { PHONE } from '../support/console-page.js';

// The push form on a phone (390×844), in Chromium against the app in process (every request
// of the page is answered by `app.request`): after "Preview", the preview and the Send button
// under it are what the trainer sees, with no form section between them.

const ORIGIN = 'http://localhost';
const SCREENSHOT = process.env.TRAINER_SCREENSHOT ?? '/tmp/trainer-push-phone.png';

const chromiumReady = requireChromium('the push form phone test');

describe.skipIf(!chromiumReady)('the push form on a phone', () => {
  let browser: Browser;
  let t: AdminTestApp;

  beforeAll(async () => {
    t = adminTestApp();
    await t.seedUsers([{ id: 11 }, { id: 12, locale: 'en' }, { id: 13 }]);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows Send right under the preview, on screen, after "Preview"', async () => {
    const context = await browser.newContext({ ...PHONE, locale: 'zh-CN' });
    await context.route(`${ORIGIN}/**`, async (route) => {
      const request = route.request();
      const res = await t.app.request(request.url(), {
        method: request.method(),
        headers: await request.allHeaders(),
        ...(request.postDataBuffer() ? { body: request.postDataBuffer() } : {}),
      });
      const headers: Record<string, string> = {};
      res.headers.forEach((v, k) => (headers[k] = v));
      const cookies = (res.headers as unknown as { getSetCookie(): string[] }).getSetCookie();
      if (cookies.length > 0) headers['set-cookie'] = cookies.join('\n');
      await route.fulfill({
        status: res.status,
        headers,
        body: Buffer.from(await res.arrayBuffer()),
      });
    });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await page.goto(`${ORIGIN}/admin/login`);
    await page.locator('#token').fill(ADMIN_TEST_TOKENS.trainer);
    await page.locator('form.login button[type=submit]').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/admin/login'));

    await page.goto(`${ORIGIN}/admin/broadcasts/new`);
    await page.locator('#message_zh').fill('周五集市改到周六，**上午九点**开始。');
    await page.locator('#message_en').fill('Market day moves to Saturday, **9 am**.');
    await page.locator('button[name=intent][value=preview]').click();
    await page.waitForSelector('#preview');

    const preview = page.locator('#preview');
    const send = page.locator('button[name=intent][value=send]');
    await expect(preview.textContent()).resolves.toContain('3');
    // Nothing of the form stands between the preview and the buttons.
    const between = await page.evaluate<string | null>(
      "document.getElementById('preview')?.nextElementSibling?.className ?? null",
    );
    expect(between).toBe('buttons');
    // Send is on screen where the page stands after the preview, without scrolling.
    const box = await send.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y + box!.height).toBeLessThanOrEqual(PHONE.viewport.height);
    const previewBox = await preview.boundingBox();
    expect(previewBox!.y + previewBox!.height).toBeLessThanOrEqual(box!.y);
    await page.screenshot({ path: SCREENSHOT });
    expect(errors).toEqual([]);
    await context.close();
  });
});
