import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/compose';
import { evaluate } from '../../src/core/conditions';
import type { Inbound } from '../../src/core/message';
import { content } from '../../src/content';
import { createExperimentSource } from '../../src/experiments/io/source';
import {
  armsByPseudonym,
  experimentBalance,
  readExperiments,
} from '../../src/experiments/io/registry';
import { assignmentTable, type Experiment } from '../../src/experiments/schema';
import { memoryLogger } from '../../src/shell/logger';
import { runTurn, type TurnDeps } from '../../src/shell/run-turn';
import { createMemoryStore } from '../../src/store/memory';
import type { Store } from '../../src/store/port';
import { translate } from '../../src/i18n';
import { exportStream } from '../../src/surveys/io/export';
import { pseudonymizer } from '../../src/surveys/io/pseudonym';
import { responseTable } from '../../src/surveys/response';
import { parseCsv } from '../support/csv';

const pseudonym = pseudonymizer('exp-secret');
const trial: Experiment = {
  id: 'trial',
  arms: [
    { id: 'control', weight: 1 },
    { id: 'video', weight: 1 },
  ],
  stratifyBy: ['province'],
  audience: { province: 'zhejiang' },
  seed: 'seed-0123456789',
  createdAt: 1,
};

function deps(store: Store): TurnDeps {
  return {
    program: buildProgram(),
    store,
    now: () => 1_780_000_000_000,
    log: memoryLogger(),
    pseudonym,
    experiments: createExperimentSource(),
  };
}

function message(userId: string, messageId: string, text: string): Inbound {
  const base = { channel: 'telegram' as const, userId, messageId, receivedAt: 0, localeHint: 'en' };
  return text.startsWith('/')
    ? { ...base, kind: 'command', command: text.slice(1) }
    : { ...base, kind: 'text', text };
}

async function person(store: Store, userId: string, profile: Record<string, unknown>) {
  const user = { channel: 'telegram', userId };
  const base = { locale: 'en', onboarded: true, stage: 'few_orders', category: 'tea' };
  await store.commit(user, {
    expectedVersion: 0,
    messageId: `${userId}-seed`,
    conversation: null,
    profile: { ...base, ...profile },
    replies: [],
    effects: [],
  });
}

const assignmentOf = async (store: Store, userId: string) =>
  store.getRecord(assignmentTable('trial'), await pseudonym({ channel: 'telegram', userId }));

describe('experiments in turns', () => {
  it('assigns people in the audience at their first turn, once; others never', async () => {
    const store = createMemoryStore();
    await store.addExperiment('trial', trial);
    const d = deps(store);
    await person(store, 'in', { consent: true, province: 'zhejiang' });
    await person(store, 'elsewhere', { consent: true, province: 'yunnan' });
    await person(store, 'no_consent', { province: 'zhejiang' });
    for (const id of ['in', 'elsewhere', 'no_consent'])
      await runTurn(d, message(id, 'h1', '/help'));

    const first = (await assignmentOf(store, 'in')) as { arm: string; stratum: string };
    expect(['control', 'video']).toContain(first.arm);
    expect(first).toMatchObject({ stratum: 'zhejiang', at: 1_780_000_000_000 });
    expect(await assignmentOf(store, 'elsewhere')).toBeNull();
    expect(await assignmentOf(store, 'no_consent')).toBeNull();

    // A re-delivery and later turns keep the arm; the profile carries it for conditions.
    await runTurn(d, message('in', 'h1', '/help'));
    await runTurn(d, message('in', 'h2', '/help'));
    const profile = (await store.load({ channel: 'telegram', userId: 'in' }, 'x')).profile as {
      experiments?: Record<string, string>;
    };
    expect(profile.experiments).toEqual({ trial: first.arm });
    const scope = { vars: {}, profile };
    const is = (arm: string) =>
      evaluate({ slice: 'experiments', key: 'trial', op: 'eq', value: arm }, scope);
    expect(is(first.arm)).toBe(true);
    expect(is(first.arm === 'video' ? 'control' : 'video')).toBe(false);
    expect(evaluate({ slice: 'experiments', key: 'other', op: 'missing' }, scope)).toBe(true);

    const balance = await experimentBalance(store, (await readExperiments(store))[0]!);
    expect(balance.arms[first.arm]).toBe(1);
    expect(balance.strata).toEqual({ zhejiang: { control: 0, video: 0, [first.arm]: 1 } });
  });

  it('/delete_me deletes the assignment', async () => {
    const store = createMemoryStore();
    await store.addExperiment('trial', trial);
    const d = deps(store);
    await person(store, 'gone', { consent: true, province: 'zhejiang' });
    await runTurn(d, message('gone', 'a', '/help'));
    await runTurn(d, message('gone', 'b', '/help'));
    expect(await assignmentOf(store, 'gone')).not.toBeNull();
    await runTurn(d, message('gone', 'c', '/delete_me'));
    await runTurn(d, message('gone', 'd', 'yes'));
    expect(await assignmentOf(store, 'gone')).toBeNull();
  });
});

describe('survey exports carry the arm', () => {
  it('adds an arm_<experiment> column (empty for people not in it) and `arms` in JSON Lines', async () => {
    const store = createMemoryStore();
    await store.addExperiment('trial', trial);
    const survey = content.surveys.find((s) => s.id === 'seller_baseline')!;
    const table = responseTable(survey.id, survey.version);
    const record = {
      status: 'completed',
      locale: 'en',
      channel: 'telegram',
      startedAt: 1,
      completedAt: 2,
      answers: { trained: true },
      other: {},
    };
    for (const [i, key] of ['rin', 'rout'].entries()) {
      await store.commit(
        { channel: 'telegram', userId: key },
        {
          expectedVersion: 0,
          messageId: 'x',
          conversation: null,
          profile: null,
          replies: [],
          effects: [
            { kind: 'put_record', table, key, value: record },
            ...(i === 0
              ? [
                  {
                    kind: 'assign_arm' as const,
                    table: assignmentTable('trial'),
                    key,
                    stratum: 'all',
                    draw: 2,
                    quotas: [['control', 2] as const, ['video', 2] as const],
                    at: 3,
                  },
                ]
              : []),
          ],
        },
      );
    }
    const { ids, arms } = await armsByPseudonym(store);
    const options = { t: translate, arms: { ids, byRespondent: arms } };
    const csv = parseCsv(await new Response(exportStream(store, survey, 'csv', options)).text());
    const header = csv[0]!;
    expect(header.at(-1)).toBe('arm_trial');
    const rows = new Map(csv.slice(1).map((r) => [r[0], r.at(-1)]));
    expect(rows.get('rin')).toBe('video');
    expect(rows.get('rout')).toBe('');
    const lines = (await new Response(exportStream(store, survey, 'jsonl', options)).text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { respondent: string; arms: object });
    expect(lines.find((l) => l.respondent === 'rin')!.arms).toEqual({ trial: 'video' });
  });
});
