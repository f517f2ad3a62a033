import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ADMIN_TEST_TOKENS,
  Browser,
  adminTestApp,
  type AdminTestApp,
} from '../../../test/support/admin-app';
import { FakeBotApi, botApiHandlers } from '../../../test/support/bot-api';
import { jobSchema } from '../../broadcast/job';
import { consoleT } from './i18n';

const server = setupServer(...botApiHandlers(new FakeBotApi()));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

const START = Date.parse('2026-12-05T02:00:00Z');
let t: AdminTestApp;
beforeEach(async () => {
  t = adminTestApp({ now: () => START });
  await t.seedUsers([{ id: 11 }, { id: 12, locale: 'en' }]);
});

async function trainerBrowser(): Promise<Browser> {
  const b = new Browser(t.app);
  await b.login(ADMIN_TEST_TOKENS.trainer);
  return b;
}

async function scheduledJob(): Promise<string> {
  const res = await t.app.request('/admin/api/broadcasts', {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${ADMIN_TEST_TOKENS.trainer}`,
    },
    body: JSON.stringify({
      audience: { course: 'shipping' },
      messages: { en: 'Old text' },
      sendAt: '2026-12-05T12:30:00+08:00',
    }),
  });
  return ((await res.json()) as { id: string }).id;
}

describe('editing and duplicating a push in the console', () => {
  it('fills the form from the scheduled push and saves the change', async () => {
    const id = await scheduledJob();
    const b = await trainerBrowser();
    const page = await (await b.get(`/admin/broadcasts/${id}/edit`)).text();
    expect(page).toContain(`action="/admin/broadcasts/${id}/edit"`);
    expect(page).toContain('Old text');
    expect(page).toContain('value="2026-12-05T12:30"');
    const res = await b.post(`/admin/broadcasts/${id}/edit`, {
      _csrf: Browser.csrfOf(page),
      message_en: 'New text',
      audience: 'all',
      when: 'later',
      send_at: '2026-12-05T13:00',
      intent: 'send',
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(consoleT('zh-CN')('trainer.edit.saved', { count: '2' }));
    const job = jobSchema.parse(await t.store.loadJob(id));
    expect(job.messages).toEqual({ en: 'New text' });
    expect(job.audience).toEqual({ all: true });
    expect(job.sendAt).toBe(Date.parse('2026-12-05T13:00:00+08:00'));
  });

  it('prefills a new push from an old one for "Duplicate"', async () => {
    const id = await scheduledJob();
    const b = await trainerBrowser();
    const detail = await (await b.get(`/admin/broadcasts/${id}`)).text();
    expect(detail).toContain(`href="/admin/broadcasts/new?from=${id}"`);
    expect(detail).toContain(`href="/admin/broadcasts/${id}/edit"`);
    const page = await (await b.get(`/admin/broadcasts/new?from=${id}`)).text();
    expect(page).toContain('action="/admin/broadcasts/new"');
    expect(page).toContain('Old text');
  });
});

describe('a refused edit on the console push page', () => {
  it('says why in the console’s language', async () => {
    const id = await scheduledJob();
    const b = await trainerBrowser();
    for (const locale of ['zh-CN', 'en'] as const) {
      const form = await (await b.get(`/admin/broadcasts/${id}/edit?lang=${locale}`)).text();
      if (locale === 'zh-CN') {
        // Cancelled after the form was opened: the save is refused.
        const cancelled = await t.app.request(`/admin/api/broadcasts/${id}/cancel`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${ADMIN_TEST_TOKENS.trainer}` },
        });
        expect(cancelled.status).toBe(200);
      } else {
        // Opened after the cancel: the page says so instead of the form.
        expect(form).toContain(consoleT(locale)('trust.errors.cancelled'));
      }
      const res = await b.post(`/admin/broadcasts/${id}/edit`, {
        _csrf: Browser.csrfOf(form),
        message_en: 'New text',
        audience: 'all',
        when: 'later',
        send_at: '2026-12-05T13:00',
        intent: 'send',
      });
      const html = await res.text();
      expect(html).toContain(consoleT(locale)('trust.errors.cancelled'));
    }
  });
});
