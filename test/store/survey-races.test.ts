import { randomUUID } from 'node:crypto';
import { Redis as IORedis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/compose';
import type { Inbound } from '../../src/core/message';
import { memoryLogger } from '../../src/shell/logger';
import { runTurn, type TurnDeps } from '../../src/shell/run-turn';
import { createMemoryStore } from '../../src/store/memory';
import type { Store } from '../../src/store/port';
import { createUpstashStore } from '../../src/store/upstash';
import { pseudonymizer } from '../../src/surveys/io/pseudonym';
import { surveyCounter, type SurveyResponse } from '../../src/surveys/response';
import { defaultRedisUrl, requireRedis } from '../support/redis-available';
import { catalogWith, entryOf } from '../support/survey-person';
import { startUpstashBridge, type UpstashBridge } from '../support/upstash-bridge';

const text = (en: string) => ({ 'zh-CN': `中${en}`, en });
const race = entryOf({
  id: 'race',
  version: 1,
  title: text('Race'),
  intro: text('Intro'),
  consent: text('Consent'),
  thanks: text('Thanks'),
  questions: ['a', 'b', 'c'].map((id) => ({
    id,
    type: 'integer',
    required: true,
    text: text(id),
    min: 0,
  })),
});
const pseudonym = pseudonymizer('race-secret');

function deps(store: Store): TurnDeps {
  const catalog = catalogWith(race);
  return {
    program: buildProgram(),
    store,
    now: () => 1_780_000_000_000,
    log: memoryLogger(),
    maxAttempts: 60,
    surveys: { wanted: () => undefined, accept: () => catalog, current: () => catalog },
    pseudonym,
  };
}

function message(userId: string, messageId: string, text: string): Inbound {
  const base = { channel: 'telegram' as const, userId, messageId, receivedAt: 0, localeHint: 'en' };
  return text.startsWith('/')
    ? { ...base, kind: 'command', command: 'survey', args: text.split(' ')[1] }
    : { ...base, kind: 'text', text };
}

/** Open the survey and consent, one turn after the other. */
async function consented(d: TurnDeps, userId: string): Promise<void> {
  await runTurn(d, message(userId, `${userId}-open`, '/survey race'));
  await runTurn(d, message(userId, `${userId}-yes`, 'yes'));
}

async function recordOf(store: Store, userId: string): Promise<SurveyResponse> {
  return (await store.getRecord(
    'survey:race:1',
    await pseudonym({ channel: 'telegram', userId }),
  )) as SurveyResponse;
}

function raceSuite(name: string, makeStore: () => Store): void {
  describe(`survey answers under retries and races: ${name}`, () => {
    it('an answer delivered five times at once is recorded and counted once', async () => {
      const store = makeStore();
      const d = deps(store);
      await consented(d, 'dup');
      const outcomes = await Promise.all(
        Array.from({ length: 5 }, () => runTurn(d, message('dup', 'same-update', '7'))),
      );
      expect(outcomes.filter((o) => !o.duplicate)).toHaveLength(1);
      for (const o of outcomes) expect(o.replies).toEqual(outcomes[0]!.replies);
      expect((await recordOf(store, 'dup')).answers).toEqual({ a: 7 });
      expect((await store.counters())[surveyCounter('race', 1, 'started')]).toBe(1);
    });

    it('answers racing each other are all kept, one per question, none twice', async () => {
      const store = makeStore();
      const d = deps(store);
      await consented(d, 'racer');
      await Promise.all(['1', '2', '3'].map((v) => runTurn(d, message('racer', `tap-${v}`, v))));
      const record = await recordOf(store, 'racer');
      expect(record.status).toBe('completed');
      expect(Object.keys(record.answers).sort()).toEqual(['a', 'b', 'c']);
      expect(Object.values(record.answers).sort()).toEqual([1, 2, 3]);
      const counters = await store.counters();
      expect(counters[surveyCounter('race', 1, 'started')]).toBe(1);
      expect(counters[surveyCounter('race', 1, 'completed')]).toBe(1);
      // The race was real: turns queued behind the one before them.
      const log = d.log as ReturnType<typeof memoryLogger>;
      expect(log.lines.filter((l) => l.event === 'turn_wait').length).toBeGreaterThan(0);
    });

    it('forty people answering at the same time: forty complete records and counts', async () => {
      const store = makeStore();
      const d = deps(store);
      const people = Array.from({ length: 40 }, (_, i) => `p${i}`);
      await Promise.all(
        people.map(async (p) => {
          await consented(d, p);
          for (const v of ['4', '5', '6']) await runTurn(d, message(p, `${p}-${v}`, v));
        }),
      );
      let cursor = '0';
      const records: SurveyResponse[] = [];
      do {
        const page = await store.scanRecords('survey:race:1', cursor, 7);
        records.push(...page.records.map((r) => r.value as SurveyResponse));
        cursor = page.cursor;
      } while (cursor !== '0');
      expect(records).toHaveLength(40);
      for (const r of records)
        expect(r).toMatchObject({ status: 'completed', answers: { a: 4, b: 5, c: 6 } });
      expect((await store.counters())[surveyCounter('race', 1, 'completed')]).toBe(40);
    });
  });
}

raceSuite('memory', () => createMemoryStore());

const redis = await requireRedis();
const withRedis = redis ? describe : describe.skip;
withRedis('upstash over the bridge and a real Redis', () => {
  let bridge: UpstashBridge;
  let raw: IORedis;
  const prefixes: string[] = [];
  beforeAll(async () => {
    bridge = await startUpstashBridge();
    raw = new IORedis(defaultRedisUrl());
  });
  afterAll(async () => {
    for (const prefix of prefixes) {
      const keys = await raw.keys(`${prefix}*`);
      if (keys.length > 0) await raw.del(...keys);
    }
    await raw?.quit();
    await bridge?.close();
  });
  raceSuite('upstash', () => {
    const prefix = `test:races:${randomUUID()}:`;
    prefixes.push(prefix);
    // A generous timeout: the suite shares 2 cores with the rest; the fail-fast default is for production.
    return createUpstashStore({ url: bridge.url, token: bridge.token, prefix, timeoutMs: 15_000 });
  });
});
