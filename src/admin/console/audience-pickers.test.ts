import { describe, expect, it } from 'vitest';
import { ADMIN_TEST_TOKENS, adminTestApp, Browser } from '../../../test/support/admin-app';
import { content } from '../../content';

/** The `<select name="course">` of a page, and whether a course id can be typed instead. */
function coursePicker(html: string) {
  const select = /<select[^>]*name="course"[^>]*>([\s\S]*?)<\/select>/.exec(html)?.[1] ?? '';
  const ids = [...select.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]).filter(Boolean);
  return { ids, typed: /<input[^>]*name="course"/.test(html) };
}

describe('audience pickers', () => {
  it('are the same course list for the researcher’s invitation and the trainer’s push', async () => {
    const { app } = adminTestApp();
    const researcher = new Browser(app);
    await researcher.login(ADMIN_TEST_TOKENS.researcher);
    const survey = await (await researcher.get('/admin/surveys/seller_baseline?lang=en')).text();
    const trainer = new Browser(app);
    await trainer.login(ADMIN_TEST_TOKENS.trainer);
    const push = await (await trainer.get('/admin/broadcasts/new?lang=en')).text();
    const catalogue = content.courses.map((c) => c.id);
    expect(catalogue.length).toBeGreaterThan(0);
    expect(coursePicker(survey)).toEqual({ ids: catalogue, typed: false });
    expect(coursePicker(push)).toEqual({ ids: catalogue, typed: false });
  });
});
