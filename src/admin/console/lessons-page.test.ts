import { describe, expect, it } from 'vitest';
import { ADMIN_TEST_TOKENS, adminTestApp, Browser } from '../../../test/support/admin-app';
import { copy } from '../../../test/support/copy';
import { readAudit } from '../audit';
import { lessonJobId } from '../services/lessons';

const PAGE = '/admin/courses/shipping/lessons';
const FORM = {
  id: 'jars_post',
  title_zh: '邮寄玻璃罐',
  title_en: 'Jars in the post',
  body_zh: '每个罐子用纸包好，再放进**纸箱**。[^ours]',
  body_en: 'Wrap each jar in paper, then put it in a **box**.[^ours]',
  minutes: '2',
  sources: 'ours',
  quiz_question_zh: '先做什么？',
  quiz_question_en: 'What comes first?',
  quiz_options_zh: '包纸\n装箱',
  quiz_options_en: 'Wrap it\nBox it',
  quiz_correct: '1',
  quiz_explanation_zh: '先包纸。',
  quiz_explanation_en: 'Wrap it first.',
};

async function trainer() {
  const t = adminTestApp();
  await t.seedUsers([{ id: 11 }]);
  const browser = new Browser(t.app);
  expect((await browser.login(ADMIN_TEST_TOKENS.trainer)).status).toBe(303);
  const csrf = Browser.csrfOf(await (await browser.get(`${PAGE}?lang=en`)).text());
  const post = (path: string, form: Record<string, string>) =>
    browser.post(path, { ...form, _csrf: csrf });
  return { ...t, browser, post };
}

describe('console lesson pages', () => {
  it('previews on each channel, confirms, publishes once, revises, unpublishes', async () => {
    const { browser, post, store } = await trainer();
    const preview = await post(PAGE, { ...FORM, intent: 'preview' });
    expect(preview.status).toBe(200);
    const html = await preview.text();
    // Telegram's renderer makes <b>, the web chat markup too; WeChat shows plain text.
    expect(html).toMatch(/data-channel="telegram"[\s\S]*<b>box<\/b>/);
    expect(html).toMatch(/data-channel="wechat"[\s\S]*Wrap each jar/);
    expect(html).toContain('data-channel="webchat"');
    expect(html).toContain('data-preview="zh-CN"');
    expect(await store.listJobs(5)).toEqual([]);

    const asked = await post(PAGE, { ...FORM, intent: 'publish' });
    expect(await asked.text()).toContain('role="alertdialog"');
    expect(await store.listJobs(5)).toEqual([]);

    const published = await post(PAGE, { ...FORM, intent: 'publish', confirmed: 'yes' });
    expect(published.status).toBe(303);
    expect(published.headers.get('Location')).toBe(`${PAGE}/jars_post?done=published`);
    const again = await post(PAGE, { ...FORM, intent: 'publish', confirmed: 'yes' });
    expect(again.status).toBe(303);
    expect(await store.listJobs(5)).toEqual([lessonJobId('shipping', 'jars_post', 1)]);

    const revised = await post(`${PAGE}/jars_post`, {
      ...FORM,
      title_en: 'Jars, wrapped',
      intent: 'publish',
    });
    expect(revised.status).toBe(303);
    const lessonPage = await (await browser.get(`${PAGE}/jars_post`)).text();
    expect(lessonPage).toContain('data-version="2"');
    expect(lessonPage).toContain('Jars, wrapped');

    const ask = await post(`${PAGE}/jars_post/unpublish`, {});
    expect(await ask.text()).toContain('role="alertdialog"');
    const gone = await post(`${PAGE}/jars_post/unpublish`, { confirmed: 'yes' });
    expect(gone.status).toBe(303);
    const actions = (await readAudit(store, 20)).map((e) => e.action);
    expect(actions.filter((a) => a.startsWith('lesson.'))).toEqual([
      'lesson.unpublish',
      'lesson.revise',
      'lesson.publish',
    ]);
  });

  it('shows every problem next to the form, with status 400', async () => {
    const { post } = await trainer();
    const res = await post(PAGE, { ...FORM, id: 'Bad Id', body_en: '## Head', intent: 'preview' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('data-path="id"');
    expect(html).toContain('data-path="body.en line 1"');
    // Each problem is named by the field's label, in the console's language, not its path.
    const problems = html.slice(
      html.indexOf('class="card problems"'),
      html.indexOf('</section>', html.indexOf('class="card problems"')),
    );
    expect(problems).not.toContain('<code>');
    const t = (key: string, params?: Record<string, string>) =>
      copy(`admin_lessons.console.${key}`, 'en', params);
    expect(problems).toContain(`<b>${t('field.id')}</b>`);
    expect(problems).toContain(`<b>${t('field.body_en')} · ${t('line', { n: '1' })}</b>`);
    const zh = await post(`${PAGE}?lang=zh-CN`, { ...FORM, id: 'Bad Id', intent: 'preview' });
    expect(await zh.text()).toContain(`<b>${copy('admin_lessons.console.field.id', 'zh-CN')}</b>`);
  });
});
