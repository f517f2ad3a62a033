import { copy } from '../../../test/support/copy';
import { describe, expect, it } from 'vitest';
import { ADMIN_TEST_TOKENS, adminTestApp, Browser } from '../../../test/support/admin-app';
import { readAudit } from '../audit';

const l = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const SURVEY = {
  id: 'pages_poll',
  title: l('页面测试', 'Page test'),
  intro: l('两个问题。', 'Two questions.'),
  consent: l('只用于研究。', 'Research only.'),
  thanks: l('谢谢！', 'Thanks!'),
  questions: [
    {
      id: 'box',
      type: 'single_choice',
      required: true,
      text: l('包装？', 'Packaging?'),
      options: [
        { code: 'carton', label: l('纸箱', 'Carton') },
        { code: 'bag', label: l('袋子', 'Bag') },
      ],
    },
    { id: 'tip', type: 'text', text: l('建议？', 'Tip?') },
  ],
};

async function researcher() {
  const t = adminTestApp();
  const browser = new Browser(t.app);
  await browser.login(ADMIN_TEST_TOKENS.researcher);
  const csrf = Browser.csrfOf(await (await browser.get('/admin/surveys?lang=en')).text());
  const chat = async (userId: string, body: Record<string, string>) => {
    const res = await t.app.request('/webchat/api/messages', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ userId, ...body }),
    });
    expect(res.status).toBe(200);
  };
  return { ...t, browser, csrf, chat };
}

describe('survey pages', () => {
  it('lists every problem of a definition at once, and says what to do with YAML', async () => {
    const { browser, csrf } = await researcher();
    const broken = { ...SURVEY, id: 'Bad Id', questions: [{ id: 'q', type: 'integer' }] };
    const res = await browser.post('/admin/surveys', {
      _csrf: csrf,
      definition: JSON.stringify(broken),
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html.match(/<li>/g)?.length).toBeGreaterThanOrEqual(2);
    expect(html).toContain(`<b>${copy('field_errors.fields.id', 'en')}:</b>`);
    const first = copy('field_errors.item.questions', 'en', { n: 1 });
    expect(html).toContain(`<b>${first} · ${copy('field_errors.fields.text', 'en')}:</b>`);
    // What was typed stays in the box.
    expect(html).toContain('&quot;Bad Id&quot;');
    const yaml = await browser.post('/admin/surveys', {
      _csrf: csrf,
      definition: 'id: x\nversion: 1\n',
    });
    expect(await yaml.text()).toContain('npx yaml --json --single &lt; survey.yaml');
  });

  it('saves a draft, publishes it, and charts the answers with the survey’s own labels', async () => {
    const { browser, csrf, chat, store } = await researcher();
    const saved = await browser.post('/admin/surveys', {
      _csrf: csrf,
      definition: JSON.stringify(SURVEY),
    });
    expect(saved.headers.get('Location')).toBe('/admin/surveys/pages_poll?done=saved');
    const draft = await (await browser.get('/admin/surveys/pages_poll')).text();
    expect(draft).toContain('Publish the draft as v1');
    expect(draft).not.toContain('format=csv'); // nothing to export before a version exists
    const published = await browser.post('/admin/surveys/pages_poll/publish', {
      _csrf: csrf,
      confirmed: 'yes',
    });
    expect(published.headers.get('Location')).toBe('/admin/surveys/pages_poll?done=publish');
    for (const [user, box, tip] of [
      ['u1', 'carton', '<b>bold?</b>'],
      ['u2', 'bag', 'cheaper tape'],
    ] as const) {
      await chat(user, { text: '/survey pages_poll' });
      await chat(user, { choiceId: 'agree' });
      await chat(user, { choiceId: box });
      await chat(user, { text: tip });
    }
    const page = await (await browser.get('/admin/surveys/pages_poll')).text();
    expect(page).toMatch(/<text x="0" y="14">Carton<\/text>/);
    expect(page).toContain('1 · 50%');
    expect(page).toContain('&lt;b&gt;bold?&lt;/b&gt;');
    expect(page).toContain('href="/admin/api/surveys/pages_poll/export?format=csv&amp;labels=en"');
    expect(page).toContain('data-live="1"');
    const actions = (await readAudit(store)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['survey.save', 'survey.publish']));

    const answers = await (await browser.get('/admin/surveys/pages_poll/answers/tip')).text();
    expect(answers).toContain('cheaper tape');
    expect(answers).toContain('&lt;b&gt;bold?&lt;/b&gt;');
    expect((await browser.get('/admin/surveys/pages_poll/answers/nope')).status).toBe(404);
  });

  it('previews an invitation audience, and explains a refused send in words', async () => {
    const { browser, csrf, seedUsers } = await researcher();
    await seedUsers([{ id: 1 }, { id: 2, locale: 'en' }]);
    await browser.post('/admin/surveys', { _csrf: csrf, definition: JSON.stringify(SURVEY) });
    // A draft cannot be sent: the API refuses, the page says why.
    const refused = await browser.post('/admin/surveys/pages_poll/send', {
      _csrf: csrf,
      audience: 'all',
      intent: 'send',
      confirmed: 'yes',
    });
    expect(refused.status).toBe(400);
    // (The API answers not_found for a survey with no published version.)
    const alert = (await refused.text()).split('class="error" role="alert">')[1] ?? '';
    const said = alert.slice(0, alert.indexOf('</li>'));
    expect([
      copy('admin_trust.errors.not_published', 'en'),
      copy('admin_trust.errors.not_found', 'en'),
    ]).toContain(said.slice(said.indexOf('<li>') + 4).trim());
    await browser.post('/admin/surveys/pages_poll/publish', { _csrf: csrf, confirmed: 'yes' });
    const preview = await browser.post('/admin/surveys/pages_poll/send', {
      _csrf: csrf,
      audience: 'filter',
      locale: 'en',
      intent: 'preview',
    });
    const html = await preview.text();
    expect(html).toContain(copy('admin_trust.reaches', 'en', { count: 1 }));
    expect(html).toContain('<details class="card" id="send" open="">');
    const sent = await browser.post('/admin/surveys/pages_poll/send', {
      _csrf: csrf,
      audience: 'all',
      intent: 'send',
      confirmed: 'yes',
    });
    expect(sent.headers.get('Location')).toBe('/admin/surveys/pages_poll?done=send');
  });

  it('answers 404 for a survey that does not exist', async () => {
    const { browser } = await researcher();
    expect((await browser.get('/admin/surveys/nope')).status).toBe(404);
  });
});
