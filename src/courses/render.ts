import type { CourseProgress, CoursesState } from './progress-schema';
import type { Outbound } from '../core/message';
import { numberCitations } from './citations';
import { courseMinutes, optionLetter, words, type CourseText } from './catalogue';
import { positionOf, standing } from './progress';
import type { Course, Lesson } from './schema';

/**
 * A lesson as one reply: where it sits in the course, its title, its text with numbered
 * source markers (`[1]`), and the sources in the person's language, one a line. Channels
 * split it at their limits on paragraph boundaries.
 */
export function renderLesson(ctx: CourseText, course: Course, lesson: Lesson): Outbound {
  const { locale, t } = ctx;
  const header = t(locale, 'courses.lesson_header', {
    course: words(course, course.title, locale),
    position: positionOf(course, lesson),
    total: course.lessons.length,
    minutes: lesson.minutes,
  });
  const label = (id: string) => {
    const text = course.sources[id];
    return text && words(course, text, locale);
  };
  const { text, sources } = numberCitations(words(course, lesson.body, locale), label);
  const parts = [
    `${header}\n**${words(course, lesson.title, locale)}**`,
    text,
    ...(sources.length > 0 ? [t(locale, 'courses.sources', { sources: sources.join('\n') })] : []),
  ];
  return { text: parts.join('\n\n') };
}

/** A lesson's quiz question with its options lettered A, B, C, D. */
export function renderQuiz(ctx: CourseText, course: Course, lesson: Lesson): Outbound | undefined {
  const quiz = lesson.quiz;
  if (!quiz) return undefined;
  const options = quiz.options.map((o, i) => `${optionLetter(i)}. ${words(course, o, ctx.locale)}`);
  const question = ctx.t(ctx.locale, 'courses.quiz.question', {
    question: words(course, quiz.question, ctx.locale),
  });
  return { text: [question, ...options].join('\n') };
}

/** Immediate feedback on a quiz answer: right or not, the right option, the explanation. */
export function renderFeedback(
  ctx: CourseText,
  course: Course,
  lesson: Lesson,
  right: boolean,
): Outbound {
  const quiz = lesson.quiz!;
  const explanation = words(course, quiz.explanation, ctx.locale);
  if (right) return { text: ctx.t(ctx.locale, 'courses.quiz.right', { explanation }) };
  return {
    text: ctx.t(ctx.locale, 'courses.quiz.wrong', {
      letter: optionLetter(quiz.correct),
      option: words(course, quiz.options[quiz.correct]!, ctx.locale),
      explanation,
    }),
  };
}

/** "Progress: 3 of 8 lessons done · quizzes right: 2 of 3". */
export function standingLine(ctx: CourseText, course: Course, progress: CourseProgress): string {
  const s = standing(course, progress);
  return ctx.t(ctx.locale, 'courses.standing', {
    done: s.done,
    total: s.total,
    right: s.right,
    quizzes: s.quizzes,
  });
}

/** A course's card: title, summary, level, length, trainer, and where the person stands. */
export function renderCourseCard(
  ctx: CourseText,
  course: Course,
  progress: CourseProgress,
): Outbound {
  const { locale, t } = ctx;
  const lines = [
    `**${words(course, course.title, locale)}**`,
    words(course, course.summary, locale),
    t(locale, 'courses.facts', {
      level: t(locale, `courses.level.${course.level}`),
      lessons: course.lessons.length,
      minutes: courseMinutes(course),
      trainer: words(course, course.trainer, locale),
    }),
  ];
  const s = standing(course, progress);
  if (progress.startedAt !== undefined || s.done > 0)
    lines.push(standingLine(ctx, course, progress));
  lines.push(
    t(locale, progress.subscribed ? 'courses.subscribed_note' : 'courses.unsubscribed_note'),
  );
  if (progress.drip) lines.push(dripLine(ctx, progress.drip));
  return { text: lines.join('\n') };
}

/** "Next lesson every 2 days at 08:00 (China time)." */
export function dripLine(ctx: CourseText, drip: { everyDays: number; hour: number }): string {
  const hour = `${String(drip.hour).padStart(2, '0')}:00`;
  return drip.everyDays === 1
    ? ctx.t(ctx.locale, 'courses.drip.daily', { hour })
    : ctx.t(ctx.locale, 'courses.drip.every', { days: drip.everyDays, hour });
}

/** The catalogue: every course in one line, with the person's progress where they started. */
export function renderCatalogue(
  ctx: CourseText,
  courses: readonly Course[],
  state: CoursesState,
): Outbound {
  const { locale, t } = ctx;
  const lines = courses.map((course, i) => {
    const progress = state.progress[course.id];
    const s = progress && standing(course, progress);
    return t(locale, 'courses.catalogue_line', {
      n: i + 1,
      title: words(course, course.title, locale),
      level: t(locale, `courses.level.${course.level}`),
      lessons: course.lessons.length,
      minutes: courseMinutes(course),
      progress: s && s.done > 0 ? t(locale, 'courses.catalogue_done', { done: s.done }) : '',
    });
  });
  return { text: [t(locale, 'courses.catalogue_intro'), ...lines].join('\n') };
}
