import { randomUUID } from 'node:crypto';
import { Redis as IORedis } from 'ioredis';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_TEST_TOKENS, adminTestApp, type AdminTestApp } from '../../test/support/admin-app';
import { FakeBotApi, botApiHandlers } from '../../test/support/bot-api';
import { parseCsv } from '../../test/support/csv';
import { defaultRedisUrl, requireRedis } from '../../test/support/redis-available';
import { startUpstashBridge, type UpstashBridge } from '../../test/support/upstash-bridge';
import type { Inbound } from '../core/message';
import { runTurn } from '../shell/run-turn';
import { createMemoryStore } from '../store/memory';
import type { Store } from '../store/port';
import { createUpstashStore } from '../store/upstash';
import { readAudit } from './audit';

const api = new FakeBotApi();
const server = setupServer(...botApiHandlers(api));
const hasRedis = await requireRedis();
let bridge: UpstashBridge | undefined;
let raw: IORedis | undefined;
const prefixes: string[] = [];
beforeAll(async () => {
  server.listen({ onUnhandledRequest: 'bypass' });
  if (hasRedis) {
    bridge = await startUpstashBridge();
    raw = new IORedis(defaultRedisUrl());
  }
});
afterAll(async () => {
  server.close();
  for (const prefix of prefixes) {
    const keys = await raw!.keys(`${prefix}*`);
    if (keys.length > 0) await raw!.del(...keys);
  }
  raw?.disconnect();
  await bridge?.close();
});

const text = (en: string, zh: string) => ({ 'zh-CN': zh, en });
const draft = {
  id: 'panel',
  title: text('Panel', '跟踪调查'),
  intro: text('One question.', '一个问题。'),
  consent: text('Voluntary.', '自愿参加。'),
  thanks: text('Thanks!', '谢谢！'),
  questions: [
    { id: 'sales', type: 'integer', required: true, min: 0, text: text('Sales?', '销量？') },
  ],
};

function stores(): [string, () => Store][] {
  const memory: [string, () => Store] = ['memory', () => createMemoryStore()];
  if (!hasRedis) return [memory];
  return [
    memory,
    [
      'upstash over a real Redis',
      () => {
        const prefix = `test:waves:${randomUUID()}:`;
        prefixes.push(prefix);
        return createUpstashStore({ url: bridge!.url, token: bridge!.token, prefix });
      },
    ],
  ];
}

describe.each(stores())('panel waves (%s)', (_name, makeStore) => {
  let t: AdminTestApp;
  beforeEach(async () => {
    api.reset({ scripts: true });
    t = adminTestApp({ store: makeStore() });
    await t.seedUsers([{ id: 11 }, { id: 12 }, { id: 13 }]);
  });

  const call = (
    method: string,
    path: string,
    body?: unknown,
    token = ADMIN_TEST_TOKENS.researcher,
  ) =>
    t.app.request(`/admin/api${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  let n = 0;
  const say = (userId: number, input: Partial<Inbound>) =>
    runTurn(t.deps.turn, {
      channel: 'telegram',
      userId: String(userId),
      messageId: `${userId}-${(n += 1)}`,
      kind: 'text',
      receivedAt: 0,
      ...input,
    });
  /** Open the survey, consent and answer its one question. */
  async function answer(userId: number, sales: number): Promise<void> {
    await say(userId, { kind: 'command', command: 'survey', args: 'panel' });
    await say(userId, { kind: 'choice', choiceId: 'agree' });
    const done = await say(userId, { text: String(sales) });
    expect(done.replies.map((r) => r.text).join('\n')).toContain('谢谢');
  }
  const sentTo = () =>
    api
      .of('sendMessage')
      .map((m) => m.chat_id)
      .sort();

  async function waveOne(): Promise<void> {
    expect((await call('POST', '/surveys', draft)).status).toBe(201);
    expect((await call('POST', '/surveys/panel/publish')).status).toBe(200);
    expect((await call('POST', '/surveys/panel/send', { audience: { all: true } })).status).toBe(
      201,
    );
    await t.drain();
    // 11 and 12 answer wave 1; 13 does not.
    await answer(11, 5);
    await answer(12, 7);
    api.reset();
  }

  it('wave 2 goes to the respondents once, is answered after wave 1, and exports long and wide', async () => {
    await waveOne();
    const trainer = ADMIN_TEST_TOKENS.trainer;
    expect(
      (await call('POST', '/surveys/panel/waves', { audience: 'respondents' }, trainer)).status,
    ).toBe(403);
    expect((await call('POST', '/surveys/panel/waves', { audience: 'everyone' })).status).toBe(400);
    expect(
      (await call('POST', '/surveys/panel/waves', { wave: 3, audience: 'respondents' })).status,
    ).toBe(409);

    const started = await call('POST', '/surveys/panel/waves', {
      wave: 2,
      audience: 'respondents',
    });
    expect(started.status).toBe(201);
    const body = (await started.json()) as { id: string; wave: number; audience: number };
    expect(body).toMatchObject({
      survey: 'panel',
      wave: 2,
      version: 1,
      audience: 2,
      replayed: false,
    });
    await t.drain();
    expect(sentTo()).toEqual([11, 12]);

    // The answer was lost; the researcher retries: the same wave, nothing sent again.
    api.reset();
    const retried = await call('POST', '/surveys/panel/waves', {
      wave: 2,
      audience: 'respondents',
    });
    expect(retried.status).toBe(200);
    expect(await retried.json()).toMatchObject({ wave: 2, id: body.id, replayed: true });
    await t.drain();
    expect(sentTo()).toEqual([]);
    const audit = await readAudit(t.store);
    expect(audit.filter((e) => e.action === 'survey.wave')).toHaveLength(1);

    // 11 answers wave 2 (having completed wave 1); 12 starts and stops.
    await answer(11, 9);
    await say(12, { kind: 'command', command: 'survey', args: 'panel' });
    await say(12, { kind: 'choice', choiceId: 'agree' });

    const long = parseCsv(await (await call('GET', '/surveys/panel/export')).text());
    expect(long[0]!.slice(0, 4)).toEqual(['respondent', 'wave', 'status', 'version']);
    const sales = long[0]!.indexOf('sales');
    const rows = long.slice(1).map((r) => [r[0], r[1], r[2], r[sales]]);
    const [p11, p12] = [rows.find((r) => r[3] === '5')![0], rows.find((r) => r[3] === '7')![0]];
    expect(rows.sort()).toEqual(
      [
        [p11, '1', 'completed', '5'],
        [p11, '2', 'completed', '9'],
        [p12, '1', 'completed', '7'],
        // Stopped at the consent step: every question is "not reached" (missing.ts).
        [p12, '2', 'partial', '-99'],
      ].sort(),
    );

    const wideRes = await call('GET', '/surveys/panel/export?layout=wide');
    expect(wideRes.headers.get('Content-Disposition')).toContain('panel-v1-wide.csv');
    const wide = parseCsv(await wideRes.text());
    expect(wide[0]).toContain('sales_w1');
    expect(wide[0]).toContain('sales_w2');
    expect(wide[0]).not.toContain('wave');
    const col = (name: string) => wide[0]!.indexOf(name);
    const byPerson = new Map(wide.slice(1).map((r) => [r[0], r]));
    expect(wide).toHaveLength(3);
    expect(byPerson.get(p11)![col('sales_w1')]).toBe('5');
    expect(byPerson.get(p11)![col('sales_w2')]).toBe('9');
    expect(byPerson.get(p12)![col('status_w2')]).toBe('partial');

    // The codebook and the scripts describe the same columns as each layout's CSV.
    const codebook = parseCsv(
      await (await call('GET', '/surveys/panel/export?format=codebook&layout=wide')).text(),
    );
    const variables = [...new Set(codebook.slice(1).map((r) => r[0]))];
    expect(variables).toEqual(wide[0]!.map((c) => c.replace(/^\uFEFF/, '')));
    const longBook = parseCsv(
      await (await call('GET', '/surveys/panel/export?format=codebook')).text(),
    );
    expect([...new Set(longBook.slice(1).map((r) => r[0]))]).toEqual(
      long[0]!.map((c) => c.replace(/^\uFEFF/, '')),
    );
    const r = await (
      await call('GET', '/surveys/panel/export?format=r&layout=wide&lang=en')
    ).text();
    expect(r).toContain('panel-v1-wide.csv');
    expect(r).toContain('(wave 2)');

    const stats = (await (await call('GET', '/surveys/panel/stats')).json()) as { waves: unknown };
    expect(stats.waves).toEqual([
      expect.objectContaining({ wave: 1, invited: 3, started: 2, completed: 2 }),
      expect.objectContaining({ wave: 2, invited: 2, started: 2, completed: 1 }),
    ]);
  });

  it('refuses a wave that would reach nobody, with the reason', async () => {
    expect((await call('POST', '/surveys', draft)).status).toBe(201);
    expect((await call('POST', '/surveys/panel/publish')).status).toBe(200);
    const refused = await call('POST', '/surveys/panel/waves', {
      wave: 2,
      audience: 'respondents',
    });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: 'no_respondents' });
    await t.drain();
    expect(sentTo()).toEqual([]);
    expect((await call('GET', '/surveys/panel')).status).toBe(200);
  });

  it('reminds the people of the current wave who have not finished it', async () => {
    await waveOne();
    const started = await call('POST', '/surveys/panel/waves', { wave: 2, audience: 'audience' });
    expect(await started.json()).toMatchObject({ wave: 2, audience: 3 });
    await t.drain();
    expect(sentTo()).toEqual([11, 12, 13]);
    await answer(12, 8);
    api.reset();
    expect((await call('POST', '/surveys/panel/remind', {})).status).toBe(201);
    await t.drain();
    // 12 finished wave 2; 11 finished wave 1 only, 13 answered neither: both hear again.
    expect(sentTo()).toEqual([11, 13]);
    expect(String(api.of('sendMessage')[0]!.text)).toContain('提醒');
  });
});
