import { describe, expect, it } from 'vitest';
import { bindActions } from '../core/action';
import { ACTIONS } from '../domains';
import { courseSet } from '../broadcast/audience';
import { content } from '../content';
import type { ActionResult } from '../core/action';
import type { Value } from '../core/conditions';
import type { Profile } from '../core/profile';
import { keysOnly, re } from '../../test/support/copy';
import { nextLesson, progressOf, standing } from './progress';

const actions = bindActions(ACTIONS, content);
const shipping = content.courses.find((c) => c.id === 'shipping')!;

/** Run an action the way the engine does, and apply its profile change. */
function run(
  name: string,
  profile: Profile,
  input: Record<string, Value> = {},
  options: { roles?: string[]; now?: number; locale?: 'en' | 'zh-CN' } = {},
): { result: ActionResult; profile: Profile } {
  const result = actions[name]!({
    input,
    locale: options.locale ?? 'en',
    profile,
    t: keysOnly, // the bot's phrases as keys and parameters; course text as written
    now: options.now ?? 1000,
    roles: options.roles ?? [],
  });
  return { result, profile: { ...profile, ...result.profile } };
}

const lists = (r: ActionResult) =>
  (r.events ?? []).map((e) =>
    'list' in e ? `${e.type}:${e.list}` : 'counter' in e ? `${e.type}:${e.counter}` : e.type,
  );

describe('taking a course', () => {
  it('shows the first lesson and its quiz, records the start once, and resumes there', () => {
    const first = run('lesson_next', {}, { course: 'shipping' });
    expect(first.result.value).toBe('quiz_3');
    expect(first.result.replies.map((r) => r.text.split('\n')[0])).toEqual([
      '{courses.lesson_header course=Shipping and packaging position=1 total=5 minutes=3}',
      '{courses.quiz.question question=By the end of 2022, what share of administrative villages had direct express delivery?}',
    ]);
    expect(lists(first.result)).toEqual([
      'subscribed:course:shipping:started',
      'counted:course:shipping:lesson:rural_network:opened',
    ]);
    expect(first.profile.courses).toMatchObject({
      current: 'shipping',
      progress: { shipping: { at: 'rural_network', done: [] } },
    });
    // Left without answering: "next lesson" shows the same lesson again, nothing recorded.
    const again = run('lesson_next', first.profile);
    expect(again.result.replies[0]!.text).toContain('position=1 total=5');
    expect(lists(again.result)).toEqual([]);
  });

  it('judges the quiz at once; the first answer is the one that counts', () => {
    const shown = run('lesson_next', {}, { course: 'shipping' }).profile;
    const wrong = run('lesson_answer', shown, { answer: 'a' });
    expect(wrong.result.value).toBe('wrong');
    expect(wrong.result.replies.map((r) => r.text)).toEqual([
      expect.stringMatching(re`^${'{courses.quiz.wrong letter=B option=95% explanation='}`),
      '{courses.standing done=1 total=5 right=0 quizzes=1}',
    ]);
    // Opened again later (from a plan step, say) and answered right: still counted wrong.
    const reopened: Profile = {
      courses: {
        current: 'shipping',
        progress: { shipping: { ...progressOf(wrong.profile, 'shipping'), at: 'rural_network' } },
      },
    };
    const right = run('lesson_answer', reopened, { answer: 'b' });
    expect(right.result.value).toBe('right');
    expect(right.result.replies[0]!.text).toMatch(re`^${'{courses.quiz.right explanation='}`);
    expect(standing(shipping, progressOf(right.profile, 'shipping'))).toMatchObject({
      done: 1,
      quizzes: 1,
      right: 0,
    });
    expect(run('lesson_answer', right.profile, { answer: 'b' }).result.value).toBe('none');
  });

  it('finishes the course once, with the score, and then says so', () => {
    let profile: Profile = {};
    let completed = 0;
    for (const lesson of shipping.lessons) {
      const shown = run('lesson_next', profile, { course: 'shipping' });
      completed += lists(shown.result).filter((l) => l.endsWith(':completed')).length;
      profile = shown.profile;
      if (lesson.quiz) {
        const answer = ['a', 'b', 'c', 'd'][lesson.quiz.correct]!;
        const judged = run('lesson_answer', profile, { answer });
        completed += lists(judged.result).filter((l) => l.endsWith(':completed')).length;
        profile = judged.profile;
      }
    }
    expect(completed).toBe(1);
    expect(nextLesson(shipping, progressOf(profile, 'shipping'))).toBeUndefined();
    const after = run('lesson_next', profile);
    expect(after.result.value).toBe('finished');
    expect(after.result.replies[0]!.text).toBe(
      '{courses.finished course=Shipping and packaging right=5 quizzes=5}',
    );
  });

  it('subscribes to the set the broadcast audience { course } reads, and unsubscribes', () => {
    const opened = run('course_open', {}, { course: 'shipping' }).profile;
    const sub = run('course_subscribe', opened);
    expect(lists(sub.result)).toEqual([`subscribed:${courseSet('shipping')}`]);
    expect(run('course_home', sub.profile).result.value).toBe('subscribed');
    const drip = run('course_drip_set', sub.profile, { every: 'd2', hour: 'h07' });
    expect(lists(drip.result)).toEqual([
      'subscribed:course:shipping',
      'subscribed:course:shipping:drip:h07',
    ]);
    const unsub = run('course_unsubscribe', drip.profile);
    expect(lists(unsub.result)).toEqual([
      'unsubscribed:course:shipping',
      'unsubscribed:course:shipping:drip:h07',
    ]);
    expect(progressOf(unsub.profile, 'shipping')).not.toHaveProperty('drip');
    expect(run('course_home', unsub.profile).result.value).toBe('not_subscribed');
    expect(run('course_home', {}).result.value).toBe('none');
  });

  it('opens a course from a deep link; an unknown one shows the catalogue', () => {
    const linked = run('course_link', {}, { args: 'course_open_shop' });
    expect(linked.result.value).toBe('course');
    expect(linked.profile.courses?.current).toBe('open_shop');
    expect(run('course_link', {}, { args: 'course_nope' }).result.value).toBe('courses');
    expect(run('course_link', {}, { args: 'survey_x' }).result.value).toBe('none');
    expect(run('course_link', {}, {}).result.value).toBe('none');
  });

  it('forgets every course set before /delete_me erases the profile', () => {
    const sub = run('course_subscribe', run('course_open', {}, { course: 'shipping' }).profile);
    const drip = run('course_drip_set', sub.profile, { every: 'd1', hour: 'h21' });
    expect(lists(run('courses_forget', drip.profile).result)).toEqual([
      'unsubscribed:course:shipping',
      'unsubscribed:course:shipping:started',
      'unsubscribed:course:shipping:completed',
      'unsubscribed:course:shipping:drip:h21',
    ]);
  });
});

describe('/push in chat', () => {
  const typed = { course: 'shipping', zh: '第6课上线了', en: '-' };

  it('refuses anyone without the trainer role, politely', () => {
    const refused = run('push_start', {});
    expect(refused.result.value).toBe('refused');
    expect(refused.result.replies[0]!.text).toBe('{push.refused}');
    expect(run('push_send', {}, typed).result).toMatchObject({ value: 'refused' });
    expect(run('push_send', {}, typed).result.events).toBeUndefined();
  });

  it('previews the message per language and asks the shell for the job', () => {
    const trainer = { roles: ['trainer'] };
    expect(run('push_start', {}, {}, trainer).result.value).toBe('trainer');
    const preview = run('push_preview', {}, typed, trainer).result;
    expect(preview.replies[0]!.text).toBe(
      '{push.preview course=Shipping and packaging zh=第6课上线了 en={push.preview_missing}}',
    );
    expect(run('push_preview', {}, { ...typed, zh: '跳过' }, trainer).result.value).toBe('empty');
    expect(run('push_send', {}, typed, trainer).result.events).toEqual([
      {
        type: 'broadcast_requested',
        audience: { course: 'shipping' },
        messages: { 'zh-CN': '第6课上线了' },
      },
    ]);
  });
});
