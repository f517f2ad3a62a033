import { describe, expect, it } from 'vitest';
import { bindActions, type ActionResult } from '../core/action';
import type { Value } from '../core/conditions';
import type { Profile } from '../core/profile';
import { content } from '../content';
import { ACTIONS } from '../domains';
import { translate } from '../i18n';
import { lessonCountEvents, lessonCounter } from './counters';
import { markShown, progressOf } from './progress';
import type { CourseProgress } from './progress-schema';
import type { Lesson } from './schema';

const actions = bindActions(ACTIONS, content);

function run(name: string, profile: Profile, input: Record<string, Value> = {}) {
  const result: ActionResult = actions[name]!({
    input,
    locale: 'en',
    profile,
    t: translate,
    now: 1000,
    roles: [],
  });
  return { result, profile: { ...profile, ...result.profile } };
}

/** The counters a result moves, by name, summed. */
function counts(...results: ActionResult[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of results)
    for (const e of r.events ?? [])
      if (e.type === 'counted') out[e.counter] = (out[e.counter] ?? 0) + e.by;
  return out;
}

const c = (lesson: string, what: Parameters<typeof lessonCounter>[2]) =>
  lessonCounter('shipping', lesson, what);

describe('lesson counters', () => {
  it('names counters per course, lesson and figure', () => {
    expect(lessonCounter('shipping', 'rural_network', 'opened')).toBe(
      'course:shipping:lesson:rural_network:opened',
    );
  });

  it('counts a person opening a lesson twice once', () => {
    const first = run('lesson_next', {}, { course: 'shipping' });
    const again = run('lesson_next', first.profile);
    expect(again.result.replies[0]!.text).toContain('lesson 1 of 5');
    expect(counts(first.result, again.result)).toEqual({ [c('rural_network', 'opened')]: 1 });
    expect(progressOf(again.profile, 'shipping').opened).toEqual(['rural_network']);
  });

  it('counts the first answer: wrong then right is answered once, right never', () => {
    const shown = run('lesson_next', {}, { course: 'shipping' });
    const wrong = run('lesson_answer', shown.profile, { answer: 'a' });
    expect(wrong.result.value).toBe('wrong');
    // Opened again from a plan step and answered right: nothing more is counted.
    const reopened: Profile = {
      courses: {
        current: 'shipping',
        progress: { shipping: { ...progressOf(wrong.profile, 'shipping'), at: 'rural_network' } },
      },
    };
    const shownAgain = run('lesson_next', reopened);
    const right = run('lesson_answer', shownAgain.profile, { answer: 'b' });
    expect(right.result.value).toBe('right');
    expect(counts(shown.result, wrong.result, shownAgain.result, right.result)).toEqual({
      [c('rural_network', 'opened')]: 1,
      [c('rural_network', 'finished')]: 1,
      [c('rural_network', 'answered')]: 1,
    });
    // Done lessons are not kept as opened: done implies opened.
    expect(progressOf(right.profile, 'shipping').opened).toBeUndefined();
  });

  it('counts a right first answer as answered and right', () => {
    const shown = run('lesson_next', {}, { course: 'shipping' });
    const right = run('lesson_answer', shown.profile, { answer: 'b' });
    expect(right.result.value).toBe('right');
    expect(counts(right.result)).toEqual({
      [c('rural_network', 'finished')]: 1,
      [c('rural_network', 'answered')]: 1,
      [c('rural_network', 'right')]: 1,
    });
    const next = run('lesson_next', right.profile);
    expect(counts(next.result)).toEqual({ [c('know_your_costs', 'opened')]: 1 });
  });

  it('counts the opening with the answer when the progress predates the counters', () => {
    // Shown before `opened` was kept: only `at` says so.
    const legacy: Profile = {
      courses: {
        current: 'shipping',
        progress: { shipping: { done: [], quiz: {}, at: 'rural_network', startedAt: 1 } },
      },
    };
    const answered = run('lesson_answer', legacy, { answer: 'a' });
    expect(counts(answered.result)).toEqual({
      [c('rural_network', 'opened')]: 1,
      [c('rural_network', 'finished')]: 1,
      [c('rural_network', 'answered')]: 1,
    });
  });

  it('counts a lesson without a quiz as opened and finished when shown, once', () => {
    const lesson: Lesson = {
      id: 'read_me',
      order: 1,
      minutes: 2,
      title: { en: 'Read me' },
      body: { en: 'Text' },
      sources: [],
    };
    const before: CourseProgress = { done: [], quiz: {} };
    const after = markShown(before, lesson, 5);
    const names = (events: ReturnType<typeof lessonCountEvents>) =>
      events.map((e) => (e.type === 'counted' ? e.counter : e.type));
    expect(names(lessonCountEvents('c', lesson, before, after))).toEqual([
      'course:c:lesson:read_me:opened',
      'course:c:lesson:read_me:finished',
    ]);
    expect(lessonCountEvents('c', lesson, after, markShown(after, lesson, 6))).toEqual([]);
  });
});
