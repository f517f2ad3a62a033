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
});
