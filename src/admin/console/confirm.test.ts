import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TEST_TOKENS, adminTestApp, Browser } from '../../../test/support/admin-app';
import { FakeBotApi, botApiHandlers } from '../../../test/support/bot-api';
import { copy } from '../../../test/support/copy';
import { readMeta } from '../../surveys/io/registry';

const api = new FakeBotApi();
const server = setupServer(...botApiHandlers(api));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

const l = (text: string) => ({ 'zh-CN': text, en: text });
const SURVEY = {
  id: 'confirm_poll',
  title: l('Confirm poll'),
  intro: l('One question.'),
  consent: l('Research only.'),
  thanks: l('Thanks!'),
  questions: [{ id: 'tip', type: 'text', text: l('Tip?') }],
};

describe('irreversible console actions', () => {
  it('ask first, saying what will happen with the real numbers, and do nothing until confirmed', async () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const t = adminTestApp();
      const browser = new Browser(t.app);
      await browser.login(ADMIN_TEST_TOKENS.admin);
      const csrf = Browser.csrfOf(
        await (await browser.get(`/admin/surveys?lang=${locale}`)).text(),
      );
      await t.seedUsers([{ id: 1 }, { id: 2, locale: 'en' }, { id: 3 }]);
      await browser.post('/admin/surveys', { _csrf: csrf, definition: JSON.stringify(SURVEY) });
      const base = '/admin/surveys/confirm_poll';

      const ask = await browser.post(`${base}/publish`, { _csrf: csrf });
      expect(ask.status).toBe(200);
      expect(await ask.text()).toContain(
        copy('admin_trust.confirm.publish_button', locale, { version: 1 }),
      );
      expect((await readMeta(t.store, 'confirm_poll'))?.versions ?? []).toEqual([]);
      await browser.post(`${base}/publish`, { _csrf: csrf, confirmed: 'yes' });

      const send = { _csrf: csrf, audience: 'filter', locale: 'zh-CN', intent: 'send' };
      const asked = await (await browser.post(`${base}/send`, send)).text();
      expect(asked).toContain(copy('admin_trust.confirm.send_button', locale, { count: '2' }));
      expect(asked).toContain('name="locale" value="zh-CN"');
      expect(await t.store.listJobs(5)).toEqual([]);
      const sent = await browser.post(`${base}/send`, { ...send, confirmed: 'yes' });
      expect(sent.headers.get('Location')).toBe(`${base}?done=send`);
      const [jobId] = await t.store.listJobs(5);
      const page = await (await browser.get(base)).text();
      expect(page).toContain(copy('admin_trust.deliveries.invite', locale, { version: 1 }));
      expect(page).toContain(copy('admin_trust.deliveries.by', locale, { who: 'admin#1' }));

      const close = await (await browser.post(`${base}/close`, { _csrf: csrf })).text();
      expect(close).toContain(copy('admin_trust.confirm.close_button', locale));
      expect((await readMeta(t.store, 'confirm_poll'))?.status).not.toBe('closed');
      await browser.post(`${base}/close`, { _csrf: csrf, confirmed: 'yes' });
      expect((await readMeta(t.store, 'confirm_poll'))?.status).toBe('closed');
      // A closed survey can be reopened, after saying what that does.
      const closedPage = await (await browser.get(base)).text();
      expect(closedPage).toContain(copy('admin_trust.reopen', locale));
      const reopen = await (await browser.post(`${base}/reopen`, { _csrf: csrf })).text();
      expect(reopen).toContain(copy('admin_trust.confirm.reopen_button', locale));
      expect((await readMeta(t.store, 'confirm_poll'))?.status).toBe('closed');
      await browser.post(`${base}/reopen`, { _csrf: csrf, confirmed: 'yes' });
      expect((await readMeta(t.store, 'confirm_poll'))?.status).toBe('open');

      // Cancel asks too, counting who has not been reached yet.
      const job = `/admin/broadcasts/${jobId}`;
      const cancel = await (await browser.post(`${job}/cancel`, { _csrf: csrf })).text();
      expect(cancel).toContain(copy('admin_trust.confirm.cancel', locale, { count: 2 }));
      expect(await t.store.jobState(jobId!)).toBe('running');
      await browser.post(`${job}/cancel`, { _csrf: csrf, confirmed: 'yes' });
      expect(await t.store.jobState(jobId!)).toBe('cancelled');
    }
  });
});
