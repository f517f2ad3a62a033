import { describe, expect, it } from 'vitest';
import { ADMIN_TEST_TOKENS, adminTestApp, Browser } from '../../../test/support/admin-app';
import { copy } from '../../../test/support/copy';
import { seedRecords } from '../../../test/support/survey-records';
import { responseTable } from '../../surveys/response';

const MAY1 = Date.parse('2026-05-01T09:00:00+08:00');
const key = (n: number) => `r${String(n).padStart(32, '0')}`;

async function setup() {
  const t = adminTestApp();
  await seedRecords(t.store, responseTable('seller_baseline', 1), {
    [key(1)]: {
      status: 'completed',
      channel: 'webchat',
      locale: 'en',
      startedAt: MAY1,
      completedAt: MAY1 + 60_000,
      answers: { category: 'furniture' },
    },
    [key(2)]: {
      status: 'started',
      channel: 'telegram',
      locale: 'zh-CN',
      startedAt: MAY1 + 86_400_000,
    },
    [key(3)]: { status: 'withdrawn', at: MAY1 },
    [key(4)]: { status: 'declined', at: MAY1 },
  });
  const browser = new Browser(t.app);
  await browser.login(ADMIN_TEST_TOKENS.researcher);
  return { ...t, browser };
}

const listed = (html: string) => {
  const card = html.slice(html.indexOf('id="browse-list"'), html.indexOf('id="withdrawals"'));
  return [...card.matchAll(/<td><code>(r\d+)<\/code><\/td>/g)].map((m) => m[1]);
};

describe('the responses card on the survey page', () => {
  it('lists pseudonyms by the filter, keeps the filter in the form, and counts per China day', async () => {
    const { browser } = await setup();
    for (const locale of ['en', 'zh-CN'] as const) {
      const all = await (await browser.get(`/admin/surveys/seller_baseline?lang=${locale}`)).text();
      expect(all).toContain(copy('admin_responses.title', locale));
      expect(listed(all).sort()).toEqual([key(1), key(2), key(3)]);
      expect(all).toContain(
        copy('admin_responses.per_day_note', locale, { started: 1, completed: 1 }),
      );
      const partial = await (
        await browser.get(`/admin/surveys/seller_baseline?lang=${locale}&r_status=partial`)
      ).text();
      expect(listed(partial)).toEqual([key(2)]);
      // The form shows the filter it was read with; the live region fetches the same filter.
      expect(partial).toMatch(/<option value="partial" selected/);
      expect(partial).toContain('data-src="/admin/surveys/seller_baseline?r_status=partial"');
      const day = await (
        await browser.get('/admin/surveys/seller_baseline?r_from=2026-05-02&r_to=2026-05-02')
      ).text();
      expect(listed(day)).toEqual([key(2)]);
    }
  });

  it('says a bad date next to its field in the console language, and lists nothing', async () => {
    const { browser } = await setup();
    for (const locale of ['en', 'zh-CN'] as const) {
      const html = await (
        await browser.get(
          `/admin/surveys/seller_baseline?lang=${locale}&r_from=2026-05-03&r_to=2026-05-01`,
        )
      ).text();
      const filter = html.slice(
        html.indexOf('id="browse-filter"'),
        html.indexOf('id="browse-list"'),
      );
      expect(filter).toContain(
        `<p class="field-error">${copy('admin_responses.errors.to', locale)}</p>`,
      );
      expect(listed(html)).toEqual([]);
    }
  });

  it('shows the definition with its downloads and a link that starts it in the web chat', async () => {
    const { browser } = await setup();
    const html = await (await browser.get('/admin/surveys/seller_baseline?lang=en')).text();
    const card = html.slice(html.indexOf('id="definition"'));
    expect(card).toContain('/admin/api/surveys/seller_baseline/definition?format=yaml');
    expect(card).toContain('/admin/api/surveys/seller_baseline/definition?format=json');
    expect(card).toContain('href="/chat?start=survey_seller_baseline"');
    expect(card).toMatch(/<pre class="definition">id: &quot;seller_baseline&quot;/);
  });
});
