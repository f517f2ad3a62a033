import { describe, expect, it } from 'vitest';
import { ADMIN_TEST_TOKENS, adminTestApp, Browser } from '../../../test/support/admin-app';
import { copy } from '../../../test/support/copy';

describe('the survey page’s send form', () => {
  it('shows an audience problem next to its field in the console language, no validator text', async () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const { app } = adminTestApp();
      const browser = new Browser(app);
      await browser.login(ADMIN_TEST_TOKENS.researcher);
      const page = await (
        await browser.get(`/admin/surveys/seller_baseline?lang=${locale}`)
      ).text();
      const res = await browser.post(`/admin/surveys/seller_baseline/send?lang=${locale}`, {
        _csrf: Browser.csrfOf(page),
        intent: 'preview',
        audience: 'course',
        course: '',
      });
      expect(res.status).toBe(400);
      const html = await res.text();
      // The section stays open, the problem sits inside the audience fieldset, and the list
      // above the page carries no raw validator text.
      expect(html).toMatch(/<details class="card" id="send" open/);
      const fieldset = html.slice(html.indexOf('id="send"'), html.indexOf('</fieldset>'));
      expect(fieldset).toContain(
        `<p class="field-error">${copy('admin.push.errors.audience', locale)}</p>`,
      );
      expect(html).not.toContain('class="error"');
      expect(html).not.toMatch(/Too small|Invalid input|expected string|Unrecognized/);
    }
  });
});
