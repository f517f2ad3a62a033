import { describe, expect, it } from 'vitest';
import { copy } from '../../../test/support/copy';
import { ADMIN_TEST_TOKENS, adminTestApp, Browser } from '../../../test/support/admin-app';
import { runTurn } from '../../shell/run-turn';
import { readMeta } from '../../surveys/io/registry';

const l = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const SURVEY = {
  id: 'wave_poll',
  title: l('轮次测试', 'Wave test'),
  intro: l('一个问题。', 'One question.'),
  consent: l('只用于研究。', 'Research only.'),
  thanks: l('谢谢！', 'Thanks!'),
  questions: [{ id: 'n', type: 'integer', required: true, min: 0, text: l('几个？', 'How many?') }],
};

describe('the waves card', () => {
  it('starts the next wave after a confirmation stating the reach, which is what is sent', async () => {
    const t = adminTestApp();
    await t.seedUsers([{ id: 1 }, { id: 2 }]);
    const browser = new Browser(t.app);
    await browser.login(ADMIN_TEST_TOKENS.researcher);
    const csrf = Browser.csrfOf(await (await browser.get('/admin/surveys?lang=en')).text());
    await browser.post('/admin/surveys', { _csrf: csrf, definition: JSON.stringify(SURVEY) });
    await browser.post('/admin/surveys/wave_poll/publish', { _csrf: csrf, confirmed: 'yes' });
    const page = await (await browser.get('/admin/surveys/wave_poll')).text();
    expect(page).toContain('id="waves"');
    expect(page).toContain(copy('admin_waves.start', 'en', { wave: 2 }));

    const form = { _csrf: csrf, wave: '2', audience: 'respondents' };
    const empty = await browser.post('/admin/surveys/wave_poll/waves', form);
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain(
      copy('admin_waves.errors.no_respondents', 'en', { wave: 2 }),
    );

    let n = 0;
    for (const input of [
      { kind: 'command' as const, command: 'survey', args: 'wave_poll' },
      { kind: 'choice' as const, choiceId: 'agree' },
      { kind: 'text' as const, text: '4' },
    ])
      await runTurn(t.deps.turn, {
        channel: 'telegram',
        userId: '1',
        messageId: `m${(n += 1)}`,
        receivedAt: 0,
        ...input,
      });

    const asked = await browser.post('/admin/surveys/wave_poll/waves', form);
    expect(asked.status).toBe(200);
    expect(await asked.text()).toContain(
      copy('admin_waves.confirm_respondents', 'en', { wave: 2, count: 1 }),
    );
    const started = await browser.post('/admin/surveys/wave_poll/waves', {
      ...form,
      confirmed: 'yes',
    });
    expect(started.headers.get('Location')).toBe('/admin/surveys/wave_poll?done=wave');
    const meta = await readMeta(t.store, 'wave_poll');
    expect(meta?.waves).toEqual([expect.objectContaining({ wave: 2, recipients: 1 })]);
    const after = await (await browser.get('/admin/surveys/wave_poll?done=wave')).text();
    expect(after).toContain(copy('admin_waves.start', 'en', { wave: 3 }));
  });
});
