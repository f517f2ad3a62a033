import { describe, expect, it } from 'vitest';
import { buildApp, buildDeps } from '../compose';
import type { Inbound } from '../core/message';
import { memoryLogger } from '../shell/logger';
import { runTurn } from '../shell/run-turn';
import { createMemoryStore } from '../store/memory';
import { questionsViewSchema } from './services/questions';
import { copy } from '../../test/support/copy';

const TOKENS = {
  trainer: 'trainer-token-0123456789',
  researcher: 'research-token-0123456789',
  admin: 'admin-token-0123456789ab',
};
const env = {
  ADMIN_TOKENS: `trainer:${TOKENS.trainer},researcher:${TOKENS.researcher},admin:${TOKENS.admin}`,
};

function setup() {
  const store = createMemoryStore();
  const overrides = { store, log: memoryLogger() };
  const app = buildApp(env, overrides);
  const { turn } = buildDeps(env, overrides);
  const get = (token?: string) =>
    app.request('/admin/api/questions', {
      headers: token ? { Authorization: `Bearer ${token}` } : {},
    });
  let n = 0;
  const say = (userId: string, fields: Partial<Inbound>) =>
    runTurn(turn, {
      channel: 'telegram',
      userId,
      messageId: `m${++n}`,
      kind: 'text',
      receivedAt: 1000 * n,
      localeHint: 'en',
      ...fields,
    });
  const post = (token: string, body: unknown) =>
    app.request('/admin/api/questions/answers', {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  return { get, say, post, store, app };
}

describe('GET /admin/api/questions', () => {
  it('checks the role: none 401, researcher 403, trainer and admin allowed', async () => {
    const { get } = setup();
    expect((await get()).status).toBe(401);
    expect((await get(TOKENS.researcher)).status).toBe(403);
    expect((await get(TOKENS.trainer)).status).toBe(200);
    expect((await get(TOKENS.admin)).status).toBe(200);
  });

  it('groups what we could not answer and "not helpful" votes, naming no one', async () => {
    const { get, say } = setup();
    await say('u1', { text: 'What will the weather be in Kunming tomorrow?' });
    await say('u2', { text: 'what will the weather be tomorrow' });
    await say('u3', { text: 'how much is the deposit to open a shop?' });
    await say('u3', { kind: 'choice', choiceId: 'no', text: undefined });
    const body = questionsViewSchema.parse(await (await get(TOKENS.trainer)).json());
    expect(body.total).toBe(3);
    const weather = body.groups.find((g) => /weather/.test(g.question));
    expect(weather).toMatchObject({ count: 2, reasons: { unknown: 2 }, locale: 'en' });
    const deposit = body.groups.find((g) => /deposit/.test(g.question));
    expect(deposit?.reasons).toEqual({ not_helpful: 1 });
    expect(deposit?.votes[deposit.shown[0]!]).toEqual({ helpful: 0, notHelpful: 1 });
    expect(JSON.stringify(body)).not.toMatch(/u1|u2|u3/);
  });
});

describe('POST /admin/api/questions/answers', () => {
  const answer = {
    id: 'braised_pork_gift',
    question: { 'zh-CN': '红烧肉罐头能网上卖吗？', en: 'Can I sell canned braised pork online?' },
    answer: {
      'zh-CN': '罐头属于预包装食品：要有食品生产许可和合格的标签，先问当地市场监管局。',
      en: 'Canned pork is pre-packaged food: it needs a food production licence and a proper label; ask your local market regulator first.',
    },
    experience: true,
  };

  it('lists every problem at once, refuses researchers, and audits what it keeps', async () => {
    const { post, store } = setup();
    expect((await post(TOKENS.researcher, answer)).status).toBe(403);
    const bad = await post(TOKENS.trainer, { id: 'Bad Id', question: { en: 'x' }, answer: {} });
    expect(bad.status).toBe(400);
    const fields = ((await bad.json()) as { fields: Record<string, string[]> }).fields;
    expect(Object.keys(fields)).toEqual(
      expect.arrayContaining(['id', 'question.zh-CN', 'answer.zh-CN', 'answer.en']),
    );
    expect((await post(TOKENS.trainer, answer)).status).toBe(201);
    const trail = JSON.stringify(await store.readLog('admin:audit', 10));
    expect(trail).toContain('"action":"question.answer"');
    expect(trail).toContain('braised_pork_gift');
  });

  it('goes live without a deploy: the next question is answered with it, marked experience', async () => {
    const { post, say, app } = setup();
    const honey = {
      id: 'honey_in_glass',
      question: {
        'zh-CN': '蜂蜜用玻璃瓶寄会不会碎？',
        en: 'Will honey in glass jars break in the post?',
      },
      answer: {
        'zh-CN': '玻璃瓶要单独用气泡膜包好，瓶口封膜，箱内塞满缓冲物；先寄一箱试试。',
        en: 'Wrap each glass jar in bubble wrap, seal the lid with film and fill the box with padding; send one test box first.',
      },
      experience: true,
    };
    const before = await say('u9', { text: 'will my honey glass jars break?' });
    expect(JSON.stringify(before.replies)).not.toContain('bubble wrap');
    expect((await post(TOKENS.trainer, honey)).status).toBe(201);
    const after = await say('u9', { text: 'will my honey glass jars break?' });
    expect(JSON.stringify(after.replies)).toContain('bubble wrap');
    expect(JSON.stringify(after.replies)).toContain(
      copy('ask.source', 'en', { source: 'A trainer' }),
    );
    // The JSON API outside any turn sees it too.
    const asked = await app.request('/api/ask', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ question: 'will my honey glass jars break?' }),
    });
    expect(JSON.stringify(await asked.json())).toContain('bubble wrap');
  });
});
