import { describe, expect, it } from 'vitest';
import { buildApp, buildDeps } from '../compose';
import type { Inbound } from '../core/message';
import { memoryLogger } from '../shell/logger';
import { runTurn } from '../shell/run-turn';
import { createMemoryStore } from '../store/memory';
import { questionsViewSchema } from './services/questions';

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
  return { get, say };
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
