import { describe, expect, it } from 'vitest';
import { ADMIN_TEST_TOKENS, adminTestApp, Browser } from '../../../test/support/admin-app';
import { copy } from '../../../test/support/copy';
import { seedRecords } from '../../../test/support/survey-records';
import { responseTable } from '../../surveys/response';

describe('withdrawals on the survey page', () => {
  it('list each withdrawn pseudonym with its version and time, newest first, not the others', async () => {
    const { app, store } = adminTestApp();
    const t0 = Date.UTC(2026, 4, 1, 2, 0);
    await seedRecords(store, responseTable('seller_baseline', 1), {
      pA: { status: 'withdrawn', at: t0 },
      pB: { status: 'completed', answers: {} },
      pC: { status: 'withdrawn', at: t0 + 3_600_000 },
    });
    const browser = new Browser(app);
    await browser.login(ADMIN_TEST_TOKENS.researcher);
    for (const locale of ['en', 'zh-CN'] as const) {
      const html = await (
        await browser.get(`/admin/surveys/seller_baseline?lang=${locale}`)
      ).text();
      const card = html.slice(html.indexOf('id="withdrawals"'));
      expect(card).toContain(copy('admin_trust.withdrawals.title', locale, { count: 2 }));
      const listed = [...card.matchAll(/<td><code>(p\w)<\/code><\/td>/g)].map((m) => m[1]);
      expect(listed).toEqual(['pC', 'pA']);
      // 02:00 UTC is 10:00 in China, and the page says which time zone it shows.
      expect(card).toMatch(/10:00[^<]*UTC\+8/);
    }
  });
});
