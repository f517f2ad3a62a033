import { describe, expect, it } from 'vitest';
import { ADMIN_TEST_TOKENS, adminTestApp, Browser } from '../../../test/support/admin-app';
import { copy } from '../../../test/support/copy';

const l = (text: string) => ({ 'zh-CN': text, en: text });
const BROKEN = {
  id: 'Bad Id',
  title: l('x'),
  intro: l('x'),
  consent: l('x'),
  thanks: l('x'),
  questions: [{ id: 'q', type: 'single_choice', text: l('x'), options: [] }],
};

describe('survey definition problems in the console', () => {
  it('are all listed at once, placed and worded in the reader’s language, with no validator paths', async () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const { app } = adminTestApp();
      const browser = new Browser(app);
      await browser.login(ADMIN_TEST_TOKENS.researcher);
      const page = await (await browser.get(`/admin/surveys?lang=${locale}`)).text();
      const res = await browser.post('/admin/surveys', {
        _csrf: Browser.csrfOf(page),
        definition: JSON.stringify(BROKEN),
      });
      expect(res.status).toBe(400);
      const html = await res.text();
      const alert = html.slice(html.indexOf('class="error"'));
      expect(alert).not.toContain('questions[0]');
      expect(alert).toContain(`${copy('field_errors.fields.id', locale)}:`);
      expect(alert).toContain(copy('surveyTools.validation.surveyIdFormat', locale));
      const first = copy('field_errors.item.questions', locale, { n: 1 });
      const options = copy('field_errors.fields.options', locale);
      expect(alert).toContain(`${first} · ${options}:`);
      expect(alert).toContain(copy('field_errors.codes.too_few', locale, { limit: 2 }));
    }
  });
});

describe('a bad survey form in the Chinese console', () => {
  it('lists every problem in Chinese, placed in words: no validator English, no paths', async () => {
    const { app } = adminTestApp();
    const browser = new Browser(app);
    await browser.login(ADMIN_TEST_TOKENS.researcher);
    const page = await (await browser.get('/admin/surveys?lang=zh-CN')).text();
    const definition = {
      id: 'bad_form',
      consent: l('x'),
      thanks: { 'zh-CN': 'x' },
      colour: 'red',
      questions: [
        { id: 'q1', type: 'likert', text: l('x'), min: 'one', low: l(''), high: l('y') },
        { id: 'q2', type: 'single_choice', text: l('x'), options: [{ code: 'a', label: l('A') }] },
      ],
    };
    const res = await browser.post('/admin/surveys', {
      _csrf: Browser.csrfOf(page),
      definition: JSON.stringify(definition),
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    const start = html.indexOf('class="error"');
    const alert = html.slice(start, html.indexOf('</ul>', start));
    const items = alert.split('<li>').slice(1);
    expect(items.length).toBeGreaterThanOrEqual(6);
    // Neither zod's English nor a path like questions[0].low or questions.0.low.
    expect(alert).not.toMatch(/Invalid|expected|received|Too (small|big)|Unrecognized|must/i);
    expect(alert).not.toMatch(/questions|\[\d+\]|\.\d+\.|\blow\b|zh-CN|thanks|title/);
    const zh = (key: string, params?: Record<string, string | number>) =>
      copy(key, 'zh-CN', params);
    expect(alert).toContain(
      `<b>${zh('field_errors.fields.title')}:</b> ${zh('field_errors.codes.required')}`,
    );
    const low = `${zh('field_errors.item.questions', { n: 1 })} · ${zh('field_errors.fields.low')} · ${zh('field_errors.fields.zh-CN')}`;
    expect(alert).toContain(`<b>${low}:</b> ${zh('field_errors.codes.too_short', { limit: 1 })}`);
    const options = `${zh('field_errors.item.questions', { n: 2 })} · ${zh('field_errors.fields.options')}`;
    expect(alert).toContain(`<b>${options}:</b> ${zh('field_errors.codes.too_few', { limit: 2 })}`);
    expect(alert).toContain(zh('field_errors.codes.unknown_key', { keys: 'colour' }));
  });
});
