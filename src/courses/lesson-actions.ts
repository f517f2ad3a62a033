import type { ContentActionFactory as ActionFactory } from '../content/schema';
import { nextStep } from '../advice/plan';
import type { ActionContext } from '../core/action';
import type { CourseProgress } from './progress-schema';
import type { EngineEvent } from '../core/events';
import type { Outbound } from '../core/message';
import type { ContentBundle } from '../content/schema';
import { ANSWER_IDS, findLessonRef, words } from './catalogue';
import { lessonCountEvents } from './counters';
import { chosenCourse, courseText } from './course-actions';
import {
  markAnswered,
  markCompleted,
  markShown,
  nextLesson,
  progressOf,
  standing,
  withCurrent,
  withProgress,
} from './progress';
import { renderFeedback, renderLesson, renderQuiz, standingLine } from './render';
import type { Course } from './schema';
import { join } from './sets';

/** Events for a course started or finished by this change of progress. */
function milestones(course: Course, before: CourseProgress, after: CourseProgress): EngineEvent[] {
  return [
    ...(before.startedAt === undefined && after.startedAt !== undefined
      ? [join('started', course.id)]
      : []),
    ...(before.completedAt === undefined && after.completedAt !== undefined
      ? [join('completed', course.id)]
      : []),
  ];
}

function finishedReply(ctx: ActionContext, course: Course, progress: CourseProgress): Outbound {
  const s = standing(course, progress);
  return {
    text: ctx.t(ctx.locale, 'courses.finished', {
      course: words(course, course.title, ctx.locale),
      right: s.right,
      quizzes: s.quizzes,
    }),
  };
}

/**
 * Show the next lesson of the current course (or of `course`): where they stopped, else
 * the first not done. The value tells the flow what to ask: `quiz_2`…`quiz_4` (a quiz with
 * that many options), `read` (no quiz), `completed` (no quiz, and that was the last
 * lesson), `finished` (nothing left) or `none` (no course chosen).
 */
const next: ActionFactory = (content) => (ctx) => {
  const course = chosenCourse(content.courses, ctx);
  if (!course)
    return { replies: [{ text: ctx.t(ctx.locale, 'courses.pick_first') }], value: 'none' };
  const before = progressOf(ctx.profile, course.id);
  const lesson = nextLesson(course, before);
  if (!lesson)
    return {
      replies: [finishedReply(ctx, course, before)],
      value: 'finished',
      profile: withCurrent(ctx.profile, course.id),
    };
  const after = markCompleted(course, markShown(before, lesson, ctx.now), ctx.now);
  const text = courseText(ctx);
  const quiz = renderQuiz(text, course, lesson);
  const replies = [renderLesson(text, course, lesson), ...(quiz ? [quiz] : [])];
  const completed = after.completedAt !== undefined && before.completedAt === undefined;
  if (completed) replies.push(finishedReply(ctx, course, after));
  return {
    replies,
    value: lesson.quiz ? `quiz_${lesson.quiz.options.length}` : completed ? 'completed' : 'read',
    profile: withProgress(ctx.profile, course.id, after),
    events: [
      ...milestones(course, before, after),
      ...lessonCountEvents(course.id, lesson, before, after),
    ],
  };
};

/**
 * Judge a quiz answer (`answer`: a, b, c or d) with immediate feedback and progress. The
 * value is `right`, `wrong`, `completed` (that finished the course) or `none`.
 */
const answer: ActionFactory = (content) => (ctx) => {
  const course = chosenCourse(content.courses, ctx);
  const before = course && progressOf(ctx.profile, course.id);
  const lesson = course?.lessons.find((l) => l.id === before?.at);
  if (!course || !before || !lesson?.quiz)
    return { replies: [{ text: ctx.t(ctx.locale, 'courses.quiz.gone') }], value: 'none' };
  const right = ANSWER_IDS.indexOf(ctx.input.answer as 'a') === lesson.quiz.correct;
  const after = markCompleted(course, markAnswered(before, lesson, right), ctx.now);
  const text = courseText(ctx);
  const replies = [
    renderFeedback(text, course, lesson, right),
    { text: standingLine(text, course, after) },
  ];
  const completed = after.completedAt !== undefined && before.completedAt === undefined;
  if (completed) replies.push(finishedReply(ctx, course, after));
  return {
    replies,
    value: completed ? 'completed' : right ? 'right' : 'wrong',
    profile: withProgress(ctx.profile, course.id, after),
    events: [
      ...milestones(course, before, after),
      ...lessonCountEvents(course.id, lesson, before, after),
    ],
  };
};

/** The lesson linked to the plan step "next step" shows, if any. */
function planLessonOf(content: ContentBundle, ctx: ActionContext) {
  const step = nextStep(ctx.profile.plan)?.step;
  if (!step) return undefined;
  return findLessonRef(content.courses, step.lesson ?? content.advice.rules.steps[step.id]?.lesson);
}

/** Whether the plan step shown now links a lesson (`yes` / `no`), so the flow offers it. */
const planHasLesson: ActionFactory = (content) => (ctx) => ({
  replies: [],
  value: planLessonOf(content, ctx) ? 'yes' : 'no',
});

/** Open the lesson the current plan step links: "next lesson" shows it now. */
const planLesson: ActionFactory = (content) => (ctx) => {
  const found = planLessonOf(content, ctx);
  if (!found) return { replies: [], value: 'none' };
  const progress = progressOf(ctx.profile, found.course.id);
  return {
    replies: [],
    value: 'ok',
    profile: withProgress(ctx.profile, found.course.id, { ...progress, at: found.lesson.id }),
  };
};

/** Lesson actions flows run by name. */
export const LESSON_ACTIONS: Readonly<Record<string, ActionFactory>> = {
  lesson_next: next,
  lesson_answer: answer,
  plan_has_lesson: planHasLesson,
  plan_lesson: planLesson,
};
