import { copy } from '../../test/support/copy';
import { describe, expect, it } from 'vitest';
import { describeOverRealRedis } from '../../test/support/real-redis-suite';
import { ADMIN_TEST_TOKENS, adminTestApp } from '../../test/support/admin-app';
import type { Role } from '../config';
import type { Inbound } from '../core/message';
import { runTurn } from '../shell/run-turn';
import { createMemoryStore } from '../store/memory';
import type { Store } from '../store/port';
import { readAudit } from './audit';
import { lessonJobId } from './services/lessons';

const LESSONS = '/admin/api/courses/shipping/lessons';

/** A small lesson of our own (shipping's built-in source `ours`). */
const lesson = (title = 'Jars in the post') => ({
  id: 'jars_post',
  title: { 'zh-CN': '邮寄玻璃罐', en: title },
  body: {
    'zh-CN': '每个罐子用纸包好，再放进纸箱。[^ours]',
    en: 'Wrap each jar in paper, then put it in a box.[^ours]',
  },
  minutes: 2,
  sources: ['ours'],
  quiz: {
    question: { 'zh-CN': '先做什么？', en: 'What comes first?' },
    options: [
      { 'zh-CN': '包纸', en: 'Wrap it' },
      { 'zh-CN': '装箱', en: 'Box it' },
    ],
    correct: 1,
    explanation: { 'zh-CN': '先包纸。', en: 'Wrap it first.' },
  },
});

function setup(store: Store) {
  const t = adminTestApp({ store });
  const call = (
    method: string,
    path: string,
    body?: unknown,
    role: Role = 'trainer',
    lang = 'en',
  ) =>
    t.app.request(`${path}?lang=${lang}`, {
      method,
      headers: {
        Authorization: `Bearer ${ADMIN_TEST_TOKENS[role]}`,
        'Content-Type': 'application/json',
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  let n = 0;
  const say = async (userId: string, fields: Partial<Inbound>) => {
    const outcome = await runTurn(t.deps.turn, {
      channel: 'telegram',
      userId,
      messageId: `m${++n}`,
      kind: 'text',
      receivedAt: 0,
      localeHint: 'en',
      ...fields,
    });
    return JSON.stringify(outcome);
  };
  return { ...t, call, say };
}

function suite(makeStore: () => Store) {
  it('lets trainers and admins publish, refuses researchers, 404s an unknown course', async () => {
    const { call } = setup(makeStore());
    expect((await call('POST', LESSONS, lesson(), 'researcher')).status).toBe(403);
    expect((await call('PUT', `${LESSONS}/jars_post`, lesson(), 'researcher')).status).toBe(403);
    expect((await call('DELETE', `${LESSONS}/jars_post`, undefined, 'researcher')).status).toBe(
      403,
    );
    expect((await call('POST', '/admin/api/courses/nope/lessons', lesson())).status).toBe(404);
    expect((await call('POST', LESSONS, lesson(), 'admin')).status).toBe(201);
  });

  it('answers 400 with every problem at once, in the trainer language', async () => {
    const { call } = setup(makeStore());
    const bad = {
      ...lesson(),
      id: 'Bad Id',
      title: { 'zh-CN': '', en: 'x'.repeat(81) },
      body: { 'zh-CN': '## 标题\n卖了 3 箱', en: 'Sold 3 boxes [^nowhere]' },
      sources: ['ours'],
      quiz: { ...lesson().quiz, correct: 5 },
    };
    const en = await call('POST', LESSONS, bad);
    expect(en.status).toBe(400);
    const answer = (await en.json()) as {
      error: string;
      issues: { field: string; message: string }[];
      problems: { path: string; key: string; message: string }[];
      fields: Record<string, string[]>;
    };
    expect(answer.error).toBe('invalid_lesson');
    const keys = answer.problems.map((p) => `${p.path}:${p.key}`);
    expect(keys).toEqual(
      expect.arrayContaining([
        'id:idFormat',
        'title.zh-CN:tooSmall_string',
        'title.en:tooBig_string',
        'quiz.correct:correctOption',
        'body.zh-CN line 1:markup_heading',
        'body.zh-CN line 2:uncited',
        'body.en:unknownMarker',
        'sources[0]:listedNotCited',
      ]),
    );
    const zh = (await (await call('POST', LESSONS, bad, 'trainer', 'zh-CN')).json()) as {
      problems: { key: string; message: string }[];
    };
    const heading = zh.problems.find((p) => p.key === 'markup_heading')!;
    expect(heading.message).toMatch(/第 1 行/);
    // The field problems are said in the language the lesson's problems were: one language.
    const enFields = JSON.stringify(answer.fields);
    expect(enFields).not.toMatch(/[\u4e00-\u9fff]/);
    expect(answer.fields.id).toEqual([
      expect.stringContaining(`${copy('field_errors.fields.id', 'en')}: `),
    ]);
  });

  it('publishes once: a retried call makes no second version and no second broadcast', async () => {
    const { call, store, queue } = setup(makeStore());
    const first = await call('POST', LESSONS, lesson());
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({
      version: 1,
      changed: true,
      job: lessonJobId('shipping', 'jars_post', 1),
    });
    const job = await store.loadJob(lessonJobId('shipping', 'jars_post', 1));
    expect(job).toMatchObject({ kind: 'course_update', audience: { course: 'shipping' } });
    const again = await call('POST', LESSONS, lesson());
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ version: 1, changed: false });
    expect(await store.listJobs(10)).toEqual([lessonJobId('shipping', 'jars_post', 1)]);
    // The push list names the notice by its lesson (not in the bundle, so by id).
    const list = (await (await call('GET', '/admin/api/broadcasts')).json()) as {
      jobs: { subject?: unknown }[];
    };
    expect(list.jobs[0]?.subject).toEqual({
      kind: 'lesson',
      course: 'shipping',
      lesson: 'jars_post',
      courseTitle: expect.any(Object),
    });
    // A different lesson under the same id is a conflict, not a silent overwrite.
    expect((await call('POST', LESSONS, lesson('Other'))).status).toBe(409);
    expect(queue.pending.length).toBeLessThanOrEqual(1);
    const audit = await readAudit(store, 10);
    expect(audit.filter((e) => e.action === 'lesson.publish')).toHaveLength(1);
  });

  it('keeps a version history of edits; the same edit again is no new version', async () => {
    const { call, store } = setup(makeStore());
    await call('POST', LESSONS, lesson());
    const edited = await call('PUT', `${LESSONS}/jars_post`, lesson('Jars, wrapped'));
    expect(await edited.json()).toMatchObject({ version: 2, changed: true });
    const retried = await call('PUT', `${LESSONS}/jars_post`, lesson('Jars, wrapped'));
    expect(await retried.json()).toMatchObject({ version: 2, changed: false });
    expect((await call('PUT', `${LESSONS}/no_such`, lesson())).status).toBe(404);
    const history = (await (await call('GET', `${LESSONS}/jars_post/versions`)).json()) as {
      published: boolean;
      versions: { action: string; version: number }[];
    };
    expect(history.published).toBe(true);
    expect(history.versions.map((v) => [v.action, v.version])).toEqual([
      ['publish', 1],
      ['edit', 2],
    ]);
    expect(await store.listJobs(10)).toHaveLength(1);
    const actions = (await readAudit(store, 10)).map((e) => e.action);
    expect(actions.filter((a) => a === 'lesson.revise')).toHaveLength(1);
  });

  it('merges the lesson into the running course: a subscriber opens it; unpublished, it is gone', async () => {
    const { call, say } = setup(makeStore());
    await say('7', { kind: 'start', args: 'course_shipping' });
    await say('7', { kind: 'choice', choiceId: 'subscribe' });
    for (let i = 0; i < 5; i++) {
      await say('7', { kind: 'command', command: 'lesson', args: 'shipping' });
      await say('7', { text: 'B' });
    }
    expect(await say('7', { kind: 'command', command: 'lesson', args: 'shipping' })).not.toContain(
      'Jars in the post',
    );
    const published = (await (await call('POST', LESSONS, lesson())).json()) as { job: string };
    expect(published.job).toBe(lessonJobId('shipping', 'jars_post', 1));
    expect(await say('7', { kind: 'command', command: 'lesson', args: 'shipping' })).toContain(
      'Jars in the post',
    );
    // The course's figures list the published lesson, opened once.
    const stats = (await (await call('GET', '/admin/api/courses/shipping/stats')).json()) as {
      lessons: { id: string; opened: number }[];
    };
    expect(stats.lessons.find((l) => l.id === 'jars_post')?.opened).toBe(1);
    expect((await call('DELETE', `${LESSONS}/jars_post`)).status).toBe(200);
    expect((await call('DELETE', `${LESSONS}/jars_post`)).status).toBe(200);
    expect(await say('7', { kind: 'command', command: 'lesson', args: 'shipping' })).not.toContain(
      'Jars in the post',
    );
  });
}

describe('lessons API over the memory store', () => suite(() => createMemoryStore()));

await describeOverRealRedis('lessons API over a real Redis', 'lessons', (makeStore) =>
  suite(makeStore),
);
