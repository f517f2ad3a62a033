import { BUILT_IN_SOURCES } from '../courses/citations';
import { checkLessonSources } from './check-lesson';
import type { Locale } from '../core/message';
import type {
  Course,
  CourseFile,
  Lesson,
  LessonFrontMatter,
  SomeLanguages,
} from '../courses/schema';
import type { ContentError } from './source';

/** One language's lesson file, parsed. */
export interface ParsedLesson {
  file: string;
  locale: Locale;
  meta: LessonFrontMatter;
  body: string;
}

/**
 * Merge one lesson's language files (`<base>.zh-CN.md`, `<base>.en.md`) into a bundled
 * lesson. Every language of the course must be there, and the parts that are not words
 * (id, order, minutes, sources, the quiz's option count and right answer) must agree.
 */
export function checkLessonGroup(
  base: string,
  group: readonly ParsedLesson[],
  course: CourseFile,
  errors: ContentError[],
): Lesson | undefined {
  const byLocale = new Map(group.map((l) => [l.locale, l]));
  for (const locale of course.languages) {
    if (!byLocale.has(locale))
      errors.push({
        file: `${base}.${locale}.md`,
        path: '',
        message: `file is missing: the course is listed in ${locale}`,
      });
  }
  for (const lesson of group) {
    if (!course.languages.includes(lesson.locale))
      errors.push({
        file: lesson.file,
        path: '',
        message: `the course is not listed in ${lesson.locale} (see languages in course.yaml)`,
      });
    checkSources(lesson, course, errors);
  }
  const [first, ...others] = course.languages.flatMap((l) => byLocale.get(l) ?? []);
  if (!first) return undefined;
  const want = shape(first);
  for (const other of others) {
    shape(other).forEach(([path, value], i) => {
      const expected = want[i]?.[1];
      if (value !== expected)
        errors.push({
          file: other.file,
          path,
          message: `is ${String(value)} here but ${String(expected)} in ${first.file}`,
        });
    });
  }
  const all = [first, ...others];
  const words = (pick: (l: ParsedLesson) => string | undefined): SomeLanguages =>
    Object.fromEntries(all.flatMap((l) => (pick(l) === undefined ? [] : [[l.locale, pick(l)]])));
  const quiz = first.meta.quiz;
  return {
    id: first.meta.id,
    order: first.meta.order,
    minutes: first.meta.minutes,
    title: words((l) => l.meta.title),
    body: words((l) => l.body),
    sources: first.meta.sources,
    ...(quiz && {
      quiz: {
        question: words((l) => l.meta.quiz?.question),
        options: quiz.options.map((_, i) => words((l) => l.meta.quiz?.options[i])),
        correct: quiz.correct - 1,
        explanation: words((l) => l.meta.quiz?.explanation),
      },
    }),
  };
}

/** A lesson file's sources, by the rules every lesson follows (see check-lesson.ts). */
function checkSources(lesson: ParsedLesson, course: CourseFile, errors: ContentError[]) {
  for (const p of checkLessonSources(lesson.meta.sources, lesson.body, course.sources))
    errors.push({ file: lesson.file, path: p.path, message: p.message });
}

/** The language-independent parts of a lesson, which every language must share. */
function shape(lesson: ParsedLesson): [string, string | number | undefined][] {
  const { meta } = lesson;
  return [
    ['id', meta.id],
    ['order', meta.order],
    ['minutes', meta.minutes],
    ['sources', meta.sources.join(', ')],
    ['quiz', meta.quiz ? 'a quiz' : 'no quiz'],
    ['quiz.options', meta.quiz?.options.length],
    ['quiz.correct', meta.quiz?.correct],
  ];
}

/** A course from its `course.yaml` and its parsed lesson files, lessons in order. */
export function buildCourse(
  head: { file: string; data: CourseFile },
  parsed: readonly ParsedLesson[],
  errors: ContentError[],
): Course {
  const { data } = head;
  const groups = new Map<string, ParsedLesson[]>();
  for (const lesson of parsed) {
    const base = lesson.file.replace(/\.(zh-CN|en)\.md$/, '');
    groups.set(base, [...(groups.get(base) ?? []), lesson]);
  }
  const lessons: Lesson[] = [];
  for (const [base, group] of [...groups.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const lesson = checkLessonGroup(base, group, data, errors);
    if (lesson) lessons.push(lesson);
  }
  const seen = new Map<string, string>();
  for (const lesson of lessons) {
    for (const key of [`id ${lesson.id}`, `order ${lesson.order}`]) {
      const other = seen.get(key);
      if (other)
        errors.push({
          file: head.file,
          path: 'lessons',
          message: `two lessons have the same ${key}: ${other} and ${lesson.id}`,
        });
      seen.set(key, lesson.id);
    }
  }
  if (lessons.length === 0)
    errors.push({ file: head.file, path: '', message: 'the course has no lessons' });
  return {
    id: data.id,
    title: data.title,
    summary: data.summary,
    level: data.level,
    languages: data.languages,
    trainer: data.trainer,
    sources: { ...BUILT_IN_SOURCES, ...data.sources },
    lessons: lessons.sort((a, b) => a.order - b.order),
  };
}

/** Plan steps may link a lesson (`course/lesson`); it must exist. */
export function checkLessonLinks(
  advice: { rules: { steps: Record<string, { lesson?: string }> } } | undefined,
  lessons: readonly { id: string }[],
  errors: ContentError[],
): void {
  for (const [id, step] of Object.entries(advice?.rules.steps ?? {})) {
    if (step.lesson !== undefined && !lessons.some((l) => l.id === step.lesson))
      errors.push({
        file: 'rules/steps.yaml',
        path: `steps.${id}.lesson`,
        message: `unknown lesson "${step.lesson}" (write course/lesson, as in content/courses)`,
      });
  }
}
