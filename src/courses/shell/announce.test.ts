import { describe, expect, it } from 'vitest';
import { Pacer } from '../../broadcast/pacer';
import { courseSet } from '../../broadcast/audience';
import { deliverChunk, type ConsumerDeps } from '../../broadcast/consumer';
import { jobStatus, type PlannerDeps } from '../../broadcast/planner';
import { MemoryQueue } from '../../broadcast/queue';
import { content } from '../../content';
import { translate } from '../../i18n';
import { copy } from '../../../test/support/copy';
import { memoryLogger } from '../../shell/logger';
import { createMemoryStore } from '../../store/memory';
import type { Store } from '../../store/port';
import { announceNewLessons, ANNOUNCED_LEDGER } from './announce';
import type { Course } from '../schema';

const shipping = content.courses.find((c) => c.id === 'shipping')!;

/** The catalogue after a deploy that adds a lesson to the shipping course. */
function withLesson(id: string, order: number): Course[] {
  const lesson = {
    ...shipping.lessons[0]!,
    id,
    order,
    title: { 'zh-CN': '退货怎么处理', en: 'Handling returns' },
  };
  return content.courses.map((c) =>
    c.id === 'shipping' ? { ...c, lessons: [...c.lessons, lesson] } : c,
  );
}

async function setup(storeOverride?: (store: Store) => Store) {
  const base = createMemoryStore();
  const store = storeOverride ? storeOverride(base) : base;
  for (const id of [1, 2, 3]) {
    await base.commit(
      { channel: 'telegram', userId: String(id) },
      {
        expectedVersion: 0,
        messageId: 'seed',
        conversation: null,
        profile: null,
        replies: [],
        effects: [
          {
            kind: 'index_user',
            user: `telegram:${id}`,
            data: { channel: 'telegram', locale: id === 1 ? 'en' : 'zh-CN' },
          },
          { kind: 'set_add', set: courseSet('shipping'), member: `telegram:${id}` },
        ],
      },
    );
  }
  const queue = new MemoryQueue({ redeliverEvery: true });
  const sent: { ref: string; text: string }[] = [];
  const planner: PlannerDeps = {
    store,
    queue,
    log: memoryLogger(),
    now: () => 1_000,
    newId: () => 'unused',
    chunkSize: 2,
  };
  const consumer: ConsumerDeps = {
    store,
    senders: {
      telegram: { send: async (r, text) => (sent.push({ ref: r.ref, text }), { outcome: 'sent' }) },
    },
    timing: { now: () => 0, sleep: async () => undefined },
    log: memoryLogger(),
    pacer: new Pacer(1000, { now: () => 0, sleep: async () => undefined }),
    maxRetryWaitSeconds: 10,
    transientAttempts: 3,
    onBlocked: async () => undefined,
  };
  const announce = (courses: readonly Course[]) =>
    announceNewLessons({ planner, courses, t: translate });
  const drain = () => queue.drain((chunk) => deliverChunk(consumer, chunk));
  return { store, base, planner, sent, announce, drain };
}

describe('new lessons are announced once', () => {
  it('records the catalogue on the first run without announcing anything', async () => {
    const s = await setup();
    const first = await s.announce(content.courses);
    expect(first.announced).toEqual([]);
    expect(first.baseline).toContain('shipping/pool_parcels');
    expect(await s.store.listJobs(10)).toEqual([]);
    expect(await s.announce(content.courses)).toEqual({ announced: [], baseline: [] });
  });

  it('tells the course subscribers about a lesson a deploy added, in their language, once', async () => {
    const s = await setup();
    await s.announce(content.courses);
    const courses = withLesson('returns', 6);
    expect(await s.announce(courses)).toEqual({ announced: ['shipping/returns'], baseline: [] });
    expect(await s.announce(courses)).toEqual({ announced: [], baseline: [] });
    await s.drain();
    expect(s.sent.map((m) => m.ref).sort()).toEqual(['telegram:1', 'telegram:2', 'telegram:3']);
    expect(s.sent.find((m) => m.ref === 'telegram:1')?.text).toBe(
      copy('courses.announce', 'en', {
        course: 'Shipping and packaging',
        title: 'Handling returns',
        minutes: 3,
        id: 'shipping',
      }),
    );
    expect(s.sent.find((m) => m.ref === 'telegram:2')?.text).toBe(
      copy('courses.announce', 'zh-CN', {
        course: '物流与包装',
        title: '退货怎么处理',
        minutes: 3,
        id: 'shipping',
      }),
    );
    const status = await jobStatus(s.store, 'lesson-shipping-returns');
    expect(status).toMatchObject({
      kind: 'course_update',
      status: 'done',
      audience: { course: 'shipping' },
      counts: { audience: 3, sent: 3, pending: 0 },
    });
  });

  it('two overlapping runs still send each subscriber one message', async () => {
    const s = await setup();
    await s.announce(content.courses);
    const courses = withLesson('returns', 6);
    const runs = await Promise.all([s.announce(courses), s.announce(courses)]);
    expect(runs.flatMap((r) => r.announced)).toEqual(['shipping/returns']);
    await s.drain();
    expect(s.sent).toHaveLength(3);
  });

  it('a crash after the job is made and before the lesson is marked sends nothing twice', async () => {
    let crash = true;
    const s = await setup((store) => ({
      ...store,
      recordDelivery: async (id, ref, outcome) => {
        if (id === ANNOUNCED_LEDGER && outcome === 'announced' && crash) {
          crash = false;
          throw new Error('store went away');
        }
        return store.recordDelivery(id, ref, outcome);
      },
    }));
    await s.announce(content.courses);
    const courses = withLesson('returns', 6);
    await expect(s.announce(courses)).rejects.toThrow('store went away');
    expect(await s.announce(courses)).toEqual({ announced: ['shipping/returns'], baseline: [] });
    await s.drain();
    expect(s.sent).toHaveLength(3);
    expect(await s.store.listJobs(10)).toEqual(['lesson-shipping-returns']);
  });
});
