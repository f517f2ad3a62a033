import { describe, expect, it } from 'vitest';
import { ADMIN_TEST_TOKENS, adminTestApp, Browser } from '../../../test/support/admin-app';
import { translate } from '../../i18n';
import { runTurn } from '../../shell/run-turn';

describe('console: Questions page', () => {
  it('shows trainers the grouped questions in the console language, escaped; not researchers', async () => {
    const t = adminTestApp();
    const ask = (userId: string, text: string, n: number) =>
      runTurn(t.deps.turn, {
        channel: 'telegram',
        userId,
        messageId: `q${n}`,
        kind: 'text',
        text,
        receivedAt: n,
        localeHint: 'en',
      });
    await ask('u1', 'How do I cook braised pork?', 1);
    await ask('u2', 'how do i cook braised pork <script>alert(1)</script>', 2);
    const browser = new Browser(t.app);
    await browser.login(ADMIN_TEST_TOKENS.trainer);
    const res = await browser.get('/admin/questions?lang=en');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(translate('en', 'ask.console.title').replace("'", '&#39;'));
    expect(html).toContain(translate('en', 'ask.console.count', { count: '2' }));
    expect(html).toContain('href="/admin/questions"');
    expect(html).not.toContain('<script>alert(1)</script>');
    const zh = await (await browser.get('/admin/questions?lang=zh-CN')).text();
    expect(zh).toContain(translate('zh-CN', 'ask.console.reasons.unknown'));
    const researcher = new Browser(t.app);
    await researcher.login(ADMIN_TEST_TOKENS.researcher);
    expect((await researcher.get('/admin/questions')).status).toBe(403);
  });

  it('takes a trainer answer from the form: every problem at once in the console language, then live and audited', async () => {
    const t = adminTestApp();
    const ask = (n: number) =>
      runTurn(t.deps.turn, {
        channel: 'telegram',
        userId: 'u1',
        messageId: `a${n}`,
        kind: 'text',
        text: 'will my honey glass jars break?',
        receivedAt: n,
        localeHint: 'en',
      });
    await ask(1);
    const browser = new Browser(t.app);
    await browser.login(ADMIN_TEST_TOKENS.trainer);
    const page = await (await browser.get('/admin/questions?lang=zh-CN')).text();
    expect(page).toContain(translate('zh-CN', 'ask.console.answer.submit'));
    const _csrf = Browser.csrfOf(page);
    const bad = await browser.post('/admin/questions/answers', {
      _csrf,
      group: '0',
      question_zh: '',
      question_en: 'Will honey in glass jars break in the post?',
      answer_zh: '',
      answer_en: 'Wrap each jar in bubble wrap.',
      source: 'a shop I know',
    });
    expect(bad.status).toBe(400);
    const shown = await bad.text();
    for (const key of ['question_zh', 'answer_zh', 'source'])
      expect(shown).toContain(translate('zh-CN', `ask.console.answer.errors.${key}`));
    expect(shown).not.toContain(translate('zh-CN', 'ask.console.answer.errors.answer_en'));
    expect(shown).toContain('Wrap each jar in bubble wrap.');
    const good = await browser.post('/admin/questions/answers', {
      _csrf,
      group: '0',
      question_zh: '蜂蜜用玻璃瓶寄会不会碎？',
      question_en: 'Will honey in glass jars break in the post?',
      answer_zh: '玻璃瓶要单独用气泡膜包好。',
      answer_en: 'Wrap each jar in bubble wrap.',
      experience: 'yes',
    });
    expect(good.status).toBe(303);
    expect(JSON.stringify((await ask(2)).replies)).toContain('bubble wrap');
    const trail = JSON.stringify(await t.deps.store.readLog('admin:audit', 10));
    expect(trail).toContain('"action":"question.answer"');
  });
});
