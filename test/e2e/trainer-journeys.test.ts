import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { requireChromium } from '../support/browser.js';
import { FakeBotApi } from '../support/bot-api.js';
import {
  LAPTOP,
  loginAs,
  openConsole,
  pageLooksRight,
  PHONE,
  shot,
  switchLanguage,
  type ConsoleTab,
  startConsoleWorld,
  type ConsoleWorld,
} from '../support/console-page.js';
import { copy } from '../support/copy.js';
import type { WranglerDev } from '../support/wrangler-dev.js';

// A trainer's journeys through the real console (the bundle in workerd, driven by Chromium):
// on a phone in Chinese, compose a push (the preview's count and text are what Telegram
// gets), send it and follow it to its final counts, schedule one, edit and duplicate it,
// cancel it and a running one (each confirms, the counts end true); on a laptop in English,
// the pushes and a course's lesson figures (equal to the API's); an admin reads what the
// trainer did in the audit log. Screenshots go to SCREENSHOT_DIR.

const SECRET = 'trainer-journeys-secret';
const TOKENS = {
  admin: 'admin-journey-token-0123456789',
  researcher: 'research-journey-token-0123456789',
  trainer: 'trainer-journey-token-0123456789',
};
/** Telegram sellers: three in Chinese, two in English. */
const SELLERS = [
  [901, 'zh-CN'],
  [902, 'zh-CN'],
  [903, 'zh-CN'],
  [904, 'en'],
  [905, 'en'],
] as const;
const COURSE = 'shipping';

const chromiumReady = requireChromium('the trainer journeys');

describe.skipIf(!chromiumReady)('trainer journeys in Chromium', () => {
  const api = new FakeBotApi();
  let worker: WranglerDev;
  let browser: Browser;
  let world: ConsoleWorld | undefined;
  let tab: ConsoleTab | undefined;
  let updateId = 7000;

  beforeAll(async () => {
    world = await startConsoleWorld(api, SECRET, TOKENS);
    ({ worker, browser } = world);
    for (const [id, locale] of SELLERS) await onboard(id, locale);
    // Three of them take the shipping course; two read its first lesson and answer its quiz.
    for (const [id, locale] of SELLERS.slice(0, 3)) {
      await say(id, locale, `/start course_${COURSE}`);
      await say(id, locale, copy('courses.choice_subscribe', locale));
    }
    for (const [id, locale] of SELLERS.slice(0, 2)) {
      await say(id, locale, copy('courses.choice_next', locale));
      await say(id, locale, 'A');
    }
  }, 90_000);
  afterAll(async () => {
    await world?.stop();
  });
  afterEach(async () => {
    await tab?.context.close();
    tab = undefined;
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

  const sender = (id: number, locale: string) => ({
    id,
    is_bot: false,
    first_name: `S${id}`,
    language_code: locale === 'en' ? 'en' : 'zh-hans',
  });

  async function say(id: number, locale: string, text: string): Promise<void> {
    await deliver({
      update_id: ++updateId,
      message: {
        message_id: updateId,
        date: 0,
        chat: { id, type: 'private' },
        from: sender(id, locale),
        text,
      },
    });
  }

  async function onboard(id: number, locale: 'zh-CN' | 'en'): Promise<void> {
    await say(id, locale, '/start');
    await deliver({
      update_id: ++updateId,
      callback_query: {
        id: `cq${updateId}`,
        from: sender(id, locale),
        chat_instance: 'x',
        data: `1|${locale}`,
        message: { message_id: 1, date: 0, chat: { id, type: 'private' } },
      },
    });
    for (const answer of [
      locale === 'en' ? 'Furniture' : '家具',
      locale === 'en' ? 'Zhejiang' : '浙江',
      copy('onboarding.stage.few_orders', locale),
      copy('common.yes', locale),
    ])
      await say(id, locale, answer);
  }

  interface Job {
    status: string;
    messages: Record<string, string>;
    counts: Record<'audience' | 'sent' | 'failed' | 'pending' | 'cancelled', number>;
  }
  async function job(id: string): Promise<Job> {
    const res = await fetch(`${worker.url}/admin/api/broadcasts/${id}`, {
      headers: { Authorization: `Bearer ${TOKENS.trainer}` },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as Job;
  }
  const jobId = (page: Page) => new URL(page.url()).pathname.split('/')[3]!;

  /** Fill the push form: messages, audience and when (a datetime-local value for later). */
  async function compose(
    page: Page,
    form: { zh: string; en: string; course?: string; at?: string },
  ): Promise<void> {
    await page.locator('#message_zh').fill(form.zh);
    await page.locator('#message_en').fill(form.en);
    if (form.course) {
      await page.locator('input[name=audience][value=course]').check();
      await page.locator('[name=course]').selectOption(form.course);
    } else await page.locator('input[name=audience][value=all]').check();
    if (form.at) {
      await page.locator('input[name=when][value=later]').check();
      await page.locator('#send_at').fill(form.at);
    } else await page.locator('input[name=when][value=now]').check();
  }

  /** The preview's bubbles as Telegram HTML (their `innerHTML`), in order. */
  async function previewBubbles(page: Page): Promise<string[]> {
    const bubbles = page.locator('#preview .bubble');
    const html: string[] = [];
    for (let i = 0; i < (await bubbles.count()); i++) html.push(await bubbles.nth(i).innerHTML());
    return html;
  }

  it('on a phone in Chinese: previews, sends and follows a push, schedules, edits, duplicates and cancels', async () => {
    tab = await openConsole(browser, PHONE, 'zh-CN');
    const { page, problems } = tab;
    const zh = (key: string, params?: Record<string, string | number>) =>
      copy(key, 'zh-CN', params);
    await loginAs(page, worker.url, TOKENS.trainer);
    expect(new URL(page.url()).pathname).toBe('/admin/broadcasts');
    await pageLooksRight(page, 'zh-CN', 390);

    // Compose to the course's subscribers; the preview names how many and shows each text.
    await page.getByRole('link', { name: zh('admin.jobs.new') }).click();
    await compose(page, {
      zh: '**新课**：包装与运输',
      en: '**New lesson**: packing and shipping',
      course: COURSE,
    });
    await page.getByRole('button', { name: zh('admin.push.preview_button') }).click();
    await page.locator('#preview').waitFor();
    expect(await page.locator('#preview b').first().textContent()).toBe(
      zh('admin.push.reaches', { count: 3 }),
    );
    const bubbles = await previewBubbles(page);
    expect(bubbles).toEqual(['<b>新课</b>：包装与运输', '<b>New lesson</b>: packing and shipping']);
    await pageLooksRight(page, 'zh-CN', 390);
    await shot(page, 'tj-push-preview-phone-zh');
    api.reset();
    await page.getByRole('button', { name: zh('admin.push.send_button'), exact: true }).click();
    await page.waitForURL(/\/admin\/broadcasts\/[^/]+\?sent=1$/);
    const sentId = jobId(page);
    // The page follows the job to its end by itself; its final counts are the API's.
    await expect
      .poll(() => page.locator('[data-status]').first().textContent(), { timeout: 30_000 })
      .toBe(zh('admin.status.done'));
    const done = await job(sentId);
    expect(done.counts.audience).toBe(3);
    for (const k of ['audience', 'sent', 'pending'] as const)
      expect(await page.locator(`[data-k="${k}"]`).first().textContent()).toBe(
        String(done.counts[k]),
      );
    expect(done.counts.sent).toBe(3);
    // The audience reads as the course's title, not its id.
    expect(await page.locator('.item .muted').first().textContent()).toContain('物流与包装');
    // What Telegram got is what the preview showed: three people, in their language.
    expect(api.delivered().sort()).toEqual([901, 902, 903]);
    expect(api.of('sendMessage').map((m) => m.text)).toEqual(Array(3).fill(bubbles[0]));
    await pageLooksRight(page, 'zh-CN', 390);
    await shot(page, 'tj-push-done-phone-zh');

    // Schedule one for tomorrow, then edit its text; the preview says when.
    const tomorrow = new Date(Date.now() + 26 * 3600_000).toISOString().slice(0, 16);
    await page.goto(`${worker.url}/admin/broadcasts/new`);
    await compose(page, { zh: '明天上午九点直播', en: 'Live at 9 tomorrow', at: tomorrow });
    await page.getByRole('button', { name: zh('admin.push.preview_button') }).click();
    await page.locator('#preview').waitFor();
    expect(await page.locator('#preview b').first().textContent()).toBe(
      zh('admin.push.reaches', { count: 5 }),
    );
    await page.getByRole('button', { name: zh('admin.push.send_button'), exact: true }).click();
    await page.waitForURL(/\/admin\/broadcasts\/[^/]+\?sent=1$/);
    const scheduledId = jobId(page);
    expect((await job(scheduledId)).status).toBe('scheduled');
    await page.getByRole('link', { name: zh('admin.trainer.edit.link') }).click();
    expect(await page.locator('#message_zh').inputValue()).toBe('明天上午九点直播');
    await page.locator('#message_zh').fill('明天上午十点直播');
    await pageLooksRight(page, 'zh-CN', 390);
    await page
      .getByRole('button', { name: zh('admin.trainer.edit.save_button'), exact: true })
      .click();
    await page.locator('.ok').waitFor();
    expect((await job(scheduledId)).messages['zh-CN']).toBe('明天上午十点直播');

    // Duplicate: a new form filled from it.
    await page.getByRole('link', { name: zh('admin.trainer.edit.duplicate') }).click();
    await page.waitForURL(/\/admin\/broadcasts\/new\?from=/);
    expect(await page.locator('#message_zh').inputValue()).toBe('明天上午十点直播');
    expect(await page.locator('#message_en').inputValue()).toBe('Live at 9 tomorrow');
    await page.goto(`${worker.url}/admin/broadcasts/${scheduledId}`);

    // Cancel the scheduled one: the confirmation says plainly that nobody will get it.
    await page.locator('[data-cancel] button').click();
    await page.locator('#confirm').waitFor();
    const cancelText = (await page.locator('#confirm-text').textContent()) ?? '';
    expect(cancelText).toBe(zh('admin_trust.confirm.cancel_scheduled'));
    await pageLooksRight(page, 'zh-CN', 390);
    await shot(page, 'tj-cancel-scheduled-phone-zh');
    await page.locator('#confirm button[type=submit]').click();
    await expect.poll(async () => (await job(scheduledId)).status).toBe('cancelled');

    // A running push, slowed by Telegram's rate limit, cancelled on its way: counts end true.
    await page.goto(`${worker.url}/admin/broadcasts/new`);
    await compose(page, { zh: '周五集市改到周六', en: 'Market moves to Saturday' });
    api.reset();
    api.fail('sendMessage', 429, 'Too Many Requests: retry after 5', 20, 5);
    await page.getByRole('button', { name: zh('admin.push.send_button'), exact: true }).click();
    await page.waitForURL(/\/admin\/broadcasts\/[^/]+\?sent=1$/);
    const runningId = jobId(page);
    await page.locator('[data-cancel] button').click();
    await page.locator('#confirm').waitFor();
    const left = (await job(runningId)).counts.pending;
    expect(await page.locator('#confirm-text').textContent()).toBe(
      zh('admin_trust.confirm.cancel', { count: left }),
    );
    await page.locator('#confirm button[type=submit]').click();
    await expect
      .poll(() => page.locator('[data-status]').first().textContent(), { timeout: 40_000 })
      .toBe(zh('admin.status.cancelled'));
    await expect
      .poll(async () => (await job(runningId)).counts.pending, { timeout: 40_000 })
      .toBe(0);
    const final = await job(runningId);
    expect(final.counts.sent + final.counts.failed + final.counts.cancelled).toBe(
      final.counts.audience,
    );
    expect(final.counts.cancelled).toBeGreaterThan(0);
    expect(await page.locator('[data-k="cancelled"]').first().textContent()).toBe(
      String(final.counts.cancelled),
    );
    expect(api.delivered()).toHaveLength(final.counts.sent);
    await pageLooksRight(page, 'zh-CN', 390);
    await shot(page, 'tj-cancelled-phone-zh');
    expect(problems).toEqual([]);
  }, 150_000);

  it('on a laptop in English: the pushes and a course page whose figures are the API’s', async () => {
    tab = await openConsole(browser, LAPTOP, 'en-US');
    const { page, problems } = tab;
    await loginAs(page, worker.url, TOKENS.trainer);
    await pageLooksRight(page, 'en', 1280);
    await shot(page, 'tj-pushes-laptop-en');
    await page.goto(`${worker.url}/admin/courses/${COURSE}`);
    const res = await fetch(`${worker.url}/admin/api/courses/${COURSE}/stats`, {
      headers: { Authorization: `Bearer ${TOKENS.trainer}` },
    });
    const stats = (await res.json()) as {
      subscribers: number;
      lessons: { id: string; opened: number; finished: number }[];
    };
    expect(stats.subscribers).toBe(3);
    expect(stats.lessons[0]?.opened).toBe(2);
    expect(await page.locator('[data-k=subscribers]').textContent()).toBe('3');
    for (const lesson of stats.lessons) {
      const row = page.locator(`tr[data-lesson="${lesson.id}"]`);
      expect(await row.locator('[data-k=opened]').textContent()).toBe(String(lesson.opened));
      expect(await row.locator('[data-k=finished]').textContent()).toBe(String(lesson.finished));
    }
    await pageLooksRight(page, 'en', 1280);
    await shot(page, 'tj-course-laptop-en');
    await switchLanguage(page, 'zh-CN');
    await pageLooksRight(page, 'zh-CN', 1280);
    await page.setViewportSize(PHONE.viewport);
    await pageLooksRight(page, 'zh-CN', 390);
    await shot(page, 'tj-course-phone-zh');
    expect(problems).toEqual([]);
  }, 60_000);

  it('an admin reads what the trainer did, as sentences, filtered to cancellations', async () => {
    tab = await openConsole(browser, LAPTOP, 'en-US');
    const { page, problems } = tab;
    await loginAs(page, worker.url, TOKENS.admin);
    await page.goto(`${worker.url}/admin/audit?lang=en`);
    const all = await page.locator('tbody tr').allTextContents();
    const by = (pattern: RegExp) => all.filter((r) => pattern.test(r)).length;
    expect(by(/trainer#1 \(Trainer\) sent a push/)).toBe(2);
    expect(by(/trainer#1 \(Trainer\) scheduled a push/)).toBe(1);
    expect(by(/trainer#1 \(Trainer\) edited the scheduled push/)).toBe(1);
    // Sentences, not markup: the course update's bold title reads as its words.
    expect(all.some((r) => r.includes("'New lesson: packing and shipping'"))).toBe(true);
    for (const r of all) expect(r).not.toContain('**');
    const cancel = await page
      .locator('select[name=action] option')
      .filter({ hasText: /cancel/i })
      .first()
      .getAttribute('value');
    await page.locator('select[name=action]').selectOption(cancel!);
    await page.locator('form.card button[type=submit]').click();
    await page.waitForURL(/action=/);
    const rows = await page.locator('tbody tr').allTextContents();
    expect(rows).toHaveLength(2);
    for (const r of rows) expect(r).toMatch(/trainer#1 \(Trainer\) cancelled the push/);
    await pageLooksRight(page, 'en', 1280);
    await switchLanguage(page, 'zh-CN');
    expect(await page.locator('tbody tr').count()).toBe(2);
    await page.setViewportSize(PHONE.viewport);
    await pageLooksRight(page, 'zh-CN', 390);
    await shot(page, 'tj-audit-phone-zh');
    expect(problems).toEqual([]);
  }, 60_000);

  it('the API behind each step refuses a researcher', async () => {
    const asResearcher = (path: string, method = 'GET', body?: unknown) =>
      fetch(`${worker.url}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${TOKENS.researcher}`,
          'Content-Type': 'application/json',
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    const push = { audience: { all: true }, messages: { en: 'Hi' } };
    for (const [path, method, body] of [
      ['/admin/api/broadcasts', 'POST', push],
      ['/admin/api/broadcasts', 'GET', undefined],
      ['/admin/api/broadcasts/x/cancel', 'POST', {}],
      ['/admin/api/broadcasts/x/edit', 'POST', push],
      ['/admin/api/broadcasts/x/duplicate', 'POST', {}],
      [`/admin/api/courses/${COURSE}/stats`, 'GET', undefined],
    ] as const) {
      const res = await asResearcher(path, method, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      await res.arrayBuffer();
    }
  });
});
