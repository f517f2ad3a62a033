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
