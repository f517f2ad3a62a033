import { describe, expect, it } from 'vitest';
import { ADMIN_TEST_TOKENS, adminTestApp, Browser } from '../../../test/support/admin-app';
import { copy } from '../../../test/support/copy';
import { readAudit } from '../audit';

const PAGE = '/admin/experiments';
const FORM = {
  id: 'video_trial',
  arms: 'control\nvideo 2',
  strat_province: 'yes',
  province: 'zhejiang',
};

async function as(token: string, lang: 'zh-CN' | 'en' = 'en') {
  const t = adminTestApp();
  const browser = new Browser(t.app);
  expect((await browser.login(token)).status).toBe(303);
  const page = await browser.get(`${PAGE}?lang=${lang}`);
  const csrf = page.status === 200 ? Browser.csrfOf(await page.text()) : '';
  const post = (form: Record<string, string>) => browser.post(PAGE, { ...form, _csrf: csrf });
  return { ...t, browser, page, post };
}

const en = (key: string, params?: Record<string, string | number>) =>
  copy(`admin.experiments.form.${key}`, 'en', params);

describe('the experiments page', () => {
  it('a researcher defines an experiment: confirmed first, saved once, audited', async () => {
    const { post, store, browser } = await as(ADMIN_TEST_TOKENS.researcher);
    const asked = await post(FORM);
    expect(asked.status).toBe(200);
    const html = await asked.text();
    expect(html).toContain('role="alertdialog"');
    expect(html).toContain(en('confirm', { id: 'video_trial', arms: 'control, video ×2' }));
    expect(await store.experiments()).toEqual({});

    const made = await post({ ...FORM, confirmed: 'yes' });
    expect(made.status).toBe(303);
    expect(made.headers.get('Location')).toBe(`${PAGE}?done=video_trial`);
    const saved = (await store.experiments()) as Record<string, Record<string, unknown>>;
    expect(saved.video_trial).toMatchObject({
      arms: [
        { id: 'control', weight: 1 },
        { id: 'video', weight: 2 },
      ],
      stratifyBy: ['province'],
      audience: { province: 'zhejiang' },
    });
    const shown = await (await browser.get(`${PAGE}?done=video_trial`)).text();
    expect(shown).toContain(en('done', { id: 'video_trial' }));
    expect(shown).toContain('data-experiment="video_trial"');

    // Defined once: a second confirmation (a retried post) changes nothing and says why.
    const again = await post({ ...FORM, confirmed: 'yes' });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('data-field-error="id"');
    const audit = await readAudit(store);
    expect(audit.filter((e) => e.action === 'experiment.create')).toHaveLength(1);
  });

  it('shows every problem under its field, in the console’s language', async () => {
    const { post, store } = await as(ADMIN_TEST_TOKENS.researcher, 'zh-CN');
    const res = await post({ id: 'Bad Id', arms: 'only\nSecond x' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('data-field-error="id"');
    expect(html).toContain('data-field-error="arms"');
    expect(html).toContain(copy('admin.experiments.form.arm_id', 'zh-CN', { n: 2 }));
    expect(html).toContain(copy('admin.experiments.form.arm_weight', 'zh-CN', { n: 2 }));
    // No validator English, no raw paths or keys.
    expect(html).not.toMatch(/lower-case letters|arms\.\d|experiments\.form\./);
    expect(await store.experiments()).toEqual({});
  });

  it('everyone who agreed takes part when no filter is chosen', async () => {
    const { post, store } = await as(ADMIN_TEST_TOKENS.researcher);
    await post({ id: 'all_in', arms: 'a\nb', confirmed: 'yes' });
    const saved = (await store.experiments()) as Record<string, Record<string, unknown>>;
    expect(saved.all_in).toMatchObject({ audience: { all: true }, stratifyBy: [] });
  });

  it('a trainer may neither see nor define experiments', async () => {
    const { page, browser } = await as(ADMIN_TEST_TOKENS.trainer);
    expect(page.status).toBe(403);
    expect((await browser.post(PAGE, { ...FORM, confirmed: 'yes' })).status).toBe(403);
  });

  it('the survey page links the experiments page', async () => {
    const { browser } = await as(ADMIN_TEST_TOKENS.researcher);
    const html = await (await browser.get('/admin/surveys/seller_baseline')).text();
    expect(html).toContain(`<a href="${PAGE}">${en('link')}</a>`);
    expect(html).not.toContain('POST /admin/api/experiments');
  });
});
