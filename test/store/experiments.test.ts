import { describe, expect, it } from 'vitest';
import { describeOverRealRedis } from '../support/real-redis-suite';
import { resolveAudience } from '../../src/broadcast/audience';
import { blockQuotas, drawFor } from '../../src/experiments/assign';
import { assignmentTable } from '../../src/experiments/schema';
import { pickArm } from '../../src/store/block-pick';
import { buildProgram } from '../../src/compose';
import type { Inbound } from '../../src/core/message';
import { createExperimentSource } from '../../src/experiments/io/source';
import type { Experiment } from '../../src/experiments/schema';
import { memoryLogger } from '../../src/shell/logger';
import { runTurn, type TurnDeps } from '../../src/shell/run-turn';
import { createMemoryStore } from '../../src/store/memory';
import { pseudonymizer } from '../../src/surveys/io/pseudonym';
import type { Effect, Store, TurnReads } from '../../src/store/port';

const arms = [
  { id: 'control', weight: 2 },
  { id: 'video', weight: 1 },
];
const quotas = blockQuotas(arms);
const STRATA = ['zhejiang', 'yunnan', 'guizhou'];
const PEOPLE = 150;
const AT = 1_780_000_000_000;

const pseudonymOf = (n: number) => `r${n.toString(16).padStart(32, '0')}`;
const stratumOf = (n: number) => STRATA[n % STRATA.length]!;

function assign(n: number): Extract<Effect, { kind: 'assign_arm' }> {
  const key = pseudonymOf(n);
  return {
    kind: 'assign_arm',
    table: assignmentTable('trial'),
    key,
    stratum: stratumOf(n),
    draw: drawFor('seed-x', key),
    quotas,
    at: AT + n,
  };
}

/** The arms the rule gives, person by person in arrival order. */
function expected(): string[] {
  const blocks = new Map<string, number[]>();
  return Array.from({ length: PEOPLE }, (_, n) => {
    const { arm, counts } = pickArm(
      quotas,
      blocks.get(stratumOf(n)) ?? [],
      drawFor('seed-x', pseudonymOf(n)),
    );
    blocks.set(stratumOf(n), counts);
    return quotas[arm]![0];
  });
}

async function assignments(store: Store): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();
  let cursor = '0';
  do {
    const page = await store.scanRecords(assignmentTable('trial'), cursor, 500);
    for (const r of page.records) if (!r.key.startsWith('#')) out.set(r.key, r.value);
    cursor = page.cursor;
  } while (cursor !== '0');
  return out;
}

function suite(name: string, make: () => Store) {
  describe(`experiment assignment in the commit: ${name}`, () => {
    it('a turn assigns; the next turn loads the arm in its one load and keeps it', async () => {
      const store = make();
      const experiment: Experiment = {
        id: 'trial',
        arms,
        audience: { all: true },
        seed: 'seed-turns-1',
        createdAt: 1,
      };
      await store.addExperiment('trial', experiment);
      const user = { channel: 'telegram', userId: 'turns' };
      await store.commit(user, {
        expectedVersion: 0,
        messageId: 'seed',
        conversation: null,
        profile: { locale: 'en', consent: true, onboarded: true },
        replies: [],
        effects: [],
      });
      const loads: TurnReads[] = [];
      const counting: Store = {
        ...store,
        load: (u, m, lease, reads) => {
          if (reads) loads.push(reads);
          return store.load(u, m, lease, reads);
        },
      };
      const deps: TurnDeps = {
        program: buildProgram(),
        store: counting,
        now: () => AT,
        log: memoryLogger(),
        pseudonym: pseudonymizer('turns-secret'),
        experiments: createExperimentSource(),
      };
      const help = (messageId: string): Inbound => ({
        ...user,
        channel: 'telegram',
        messageId,
        receivedAt: 0,
        kind: 'command',
        command: 'help',
      });
      await runTurn(deps, help('a'));
      await runTurn(deps, help('b'));
      const key = await pseudonymizer('turns-secret')(user);
      const { arm } = (await store.getRecord(assignmentTable('trial'), key)) as { arm: string };
      const profile = (await store.load(user, 'peek')).profile as {
        experiments?: Record<string, string>;
      };
      expect(profile.experiments).toEqual({ trial: arm });
      // The second turn asked its one load for the experiment it had learnt of.
      expect(loads.map((r) => r.experiments?.ids)).toEqual([[], ['trial']]);
    });

    it('writes the arm into the audience index, so an audience can target an arm', async () => {
      const store = make();
      const refs: Record<string, string> = {};
      for (let n = 0; n < 12; n++) {
        const user = { channel: 'telegram', userId: `ix${n}` };
        const ref = `telegram:ix${n}`;
        const data = { channel: 'telegram', locale: 'en', consent: true, seen: 1 };
        await store.commit(user, {
          expectedVersion: 0,
          messageId: 'm1',
          conversation: null,
          profile: { consent: true },
          replies: [],
          effects: [
            { kind: 'index_user', user: ref, data },
            { ...assign(n), key: `rix${n}`, index: { user: ref, experiment: 'trial' } },
          ],
        });
        const stored = (await store.getRecord(assignmentTable('trial'), `rix${n}`)) as {
          arm: string;
        };
        refs[ref] = stored.arm;
      }
      for (const arm of ['control', 'video']) {
        const got = await resolveAudience(store, { experiment: 'trial', arm });
        const want = Object.keys(refs).filter((r) => refs[r] === arm);
        expect(got.map((r) => r.ref).sort()).toEqual(want.sort());
        expect(want.length).toBeGreaterThan(0);
      }
      // The rest of the entry is kept as it was.
      const page = await store.scanUsers('0', 100);
      expect(page.users[0]!.data).toMatchObject({ channel: 'telegram', locale: 'en', seen: 1 });
    });

    it('assigns in the commit with the same rule as block-pick.ts, once per person', async () => {
      const store = make();
      for (let n = 0; n < PEOPLE; n++) {
        const user = { channel: 'webchat', userId: `p${n}` };
        const write = {
          expectedVersion: 0,
          messageId: 'm1',
          conversation: null,
          profile: { consent: true },
          replies: [],
          effects: [assign(n)],
        };
        expect((await store.commit(user, write)).ok).toBe(true);
        // The answer to the commit was lost and the message comes again: refused, no second pick.
        expect(await store.commit(user, write)).toEqual({ ok: false, reason: 'duplicate' });
        // A later turn that asks again (the person still matches) changes nothing.
        expect(
          (
            await store.commit(user, {
              ...write,
              expectedVersion: 1,
              messageId: 'm2',
              effects: [{ ...assign(n), draw: 7, stratum: 'elsewhere' }],
            })
          ).ok,
        ).toBe(true);
      }
      const stored = await assignments(store);
      const want = expected();
      expect(stored.size).toBe(PEOPLE);
      for (let n = 0; n < PEOPLE; n++) {
        expect(stored.get(pseudonymOf(n))).toEqual({
          arm: want[n],
          stratum: stratumOf(n),
          at: AT + n,
        });
      }
      // 50 per stratum, blocks of 6 (4 control, 2 video): 8 full blocks and 2 more people.
      for (const stratum of STRATA) {
        const inStratum = [...stored.values()].filter(
          (v) => (v as { stratum: string }).stratum === stratum,
        ) as { arm: string }[];
        const control = inStratum.filter((v) => v.arm === 'control').length;
        expect(control).toBeGreaterThanOrEqual(8 * 4);
        expect(control).toBeLessThanOrEqual(8 * 4 + 2);
      }
    });
  });
}

suite('memory', () => createMemoryStore());

await describeOverRealRedis('over the bridge and a real Redis', 'exp', (makeStore) =>
  suite('upstash', makeStore),
);
