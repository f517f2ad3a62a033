import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ADMIN_TEST_TOKENS, adminTestApp, Browser, ORIGIN } from '../../../test/support/admin-app';
import { translate } from '../../i18n';

const fixture = (name: string) =>
  new Blob([new Uint8Array(readFileSync(`test/fixtures/xlsform/${name}.xlsx`))]);

async function upload(name: string, lang: 'zh-CN' | 'en', token = ADMIN_TEST_TOKENS.researcher) {
  const t = adminTestApp();
  const browser = new Browser(t.app);
  await browser.login(token);
  const page = await (await browser.get(`/admin/surveys?lang=${lang}`)).text();
  const form = new FormData();
  form.set('_csrf', Browser.csrfOf(page));
  form.set('file', fixture(name), `${name}.xlsx`);
  const res = await browser.request(`/admin/surveys/import?lang=${lang}`, {
    method: 'POST',
    headers: { Origin: ORIGIN },
    body: form,
  });
  return { res, page, browser };
}

describe('console: import an XLSForm', () => {
  it('the surveys page offers the upload; a good form becomes a draft', async () => {
    const { res, page, browser } = await upload('good', 'en');
    expect(page).toContain(translate('en', 'surveyTools.import.form.title'));
    expect(page).toContain('action="/admin/surveys/import"');
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe('/admin/surveys/market_good?done=saved');
    expect((await browser.get('/admin/surveys/market_good?lang=en')).status).toBe(200);
  });

  it('a bad form lists every problem with its cell, in the page language', async () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const { res } = await upload('bad', lang);
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain(translate(lang, 'surveyTools.import.form.failed'));
      expect(html).toContain(
        `survey!A2: ${translate(lang, 'surveyTools.import.unsupportedType', { type: 'geopoint' })}`,
      );
      expect(html.match(/<li>(survey|choices|settings)!/g)).toHaveLength(10);
    }
  });

  it('an imported form, published and answered, charts its number question as a histogram', async () => {
    const { browser, page } = await upload('good', 'en');
    const t = browser as Browser;
    const csrf = Browser.csrfOf(page);
    await t.post('/admin/surveys/market_good/publish', { _csrf: csrf, confirmed: 'yes' });
    const chat = async (userId: string, body: Record<string, string>) =>
      t.request('/webchat/api/messages', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ userId, ...body }),
      });
    for (const [user, years] of [
      ['h1', '1'],
      ['h2', '2'],
      ['h3', '2'],
      ['h4', '9'],
    ] as const) {
      await chat(user, { text: '/survey market_good' });
      await chat(user, { choiceId: 'agree' });
      await chat(user, { choiceId: 'yes' });
      await chat(user, { text: years });
    }
    const html = await (await t.get('/admin/surveys/market_good?lang=en')).text();
    const chart = /<svg height="150" role="img" aria-label="How many years\?\. ([^"]*)"/.exec(html);
    expect(chart?.[1]).toBeTruthy();
    const counts = [...chart![1]!.matchAll(/: (\d+)/g)].map((m) => Number(m[1]));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(4);
  });

  it('a definition’s problems are said in the page language', async () => {
    const t = adminTestApp();
    const browser = new Browser(t.app);
    await browser.login(ADMIN_TEST_TOKENS.researcher);
    for (const lang of ['zh-CN', 'en'] as const) {
      const csrf = Browser.csrfOf(await (await browser.get(`/admin/surveys?lang=${lang}`)).text());
      const res = await browser.post(`/admin/surveys?lang=${lang}`, {
        _csrf: csrf,
        definition: JSON.stringify({ id: 'Bad Id', version: 1, questions: [] }),
      });
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain(translate(lang, 'surveyTools.validation.surveyIdFormat'));
      // The registry's own refusals too: a bundled survey's next draft is its version 2.
      const clash = await browser.post(`/admin/surveys?lang=${lang}`, {
        _csrf: csrf,
        definition: JSON.stringify({ id: 'seller_baseline', version: 1, questions: [] }),
      });
      expect(await clash.text()).toContain(
        translate(lang, 'surveyTools.validation.draftVersion', { next: 2 }),
      );
    }
  });
});
