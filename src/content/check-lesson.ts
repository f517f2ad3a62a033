import * as z from 'zod';
import { BUILT_IN_SOURCES, citedIds, uncitedLines } from '../courses/citations';
import { checkMarkup } from '../courses/markdown';
import { lessonFrontMatterSchema, type Lesson, type LessonFrontMatter } from '../courses/schema';
import type { Locale } from '../core/message';

/** Most characters a lesson body may have in one language: a few phone screens. */
export const MAX_LESSON_CHARS = 1800;

/**
 * One problem with a lesson, the same for the content build (lesson files) and the admin
 * API (a trainer's lesson): where, why in English (`message`), and the same as an i18n key
 * under `admin_lessons.problems` with its parameters, so the console and the API can say
 * it in the trainer's language.
 */
export interface LessonProblem {
  path: string;
  message: string;
  key: string;
  params?: Record<string, string | number>;
}

const problem = (
  path: string,
  message: string,
  key: string,
  params?: LessonProblem['params'],
): LessonProblem => ({ path, message, key, ...(params ? { params } : {}) });

/**
 * The checks of one language's lesson text: not empty, short enough for a phone, a source
 * marker on every line with a figure, only the markup every channel shows. `line` numbers
 * are 1-based within the body; `at` turns one into the caller's path.
 */
export function checkLessonBody(
  body: string,
  at: (line: number) => string,
  bodyPath = 'body',
): LessonProblem[] {
  const problems: LessonProblem[] = [];
  if (body.trim() === '') problems.push(problem(bodyPath, 'the lesson has no text', 'noText'));
  const length = [...body].length;
  if (length > MAX_LESSON_CHARS)
    problems.push(
      problem(
        bodyPath,
        `${length} characters: keep a lesson under ${MAX_LESSON_CHARS} so it reads on a phone`,
        'tooManyChars',
        { length, limit: MAX_LESSON_CHARS },
      ),
    );
  for (const uncited of uncitedLines(body))
    problems.push(
      problem(
        at(uncited.line),
        'a line with a figure needs its source: end it with [^id] (a source in course.yaml, [^ours] for our rule of thumb, [^example] for a made-up example)',
        'uncited',
        { line: uncited.line },
      ),
    );
  for (const markup of checkMarkup(body))
    problems.push(
      problem(at(markup.line), markup.message, `markup_${markup.rule}`, { line: markup.line }),
    );
  return problems;
}

/**
 * A lesson's sources: at least one; each known to the course (or built in); exactly the
 * ids its body cites with `[^id]`, so the list says what the text relies on.
 */
export function checkLessonSources(
  listed: readonly string[],
  body: string,
  courseSources: Readonly<Record<string, unknown>>,
  bodyPath = 'body',
): LessonProblem[] {
  const problems: LessonProblem[] = [];
  const known = (id: string) => id in courseSources || id in BUILT_IN_SOURCES;
  const cited = citedIds(body);
  if (listed.length === 0)
    problems.push(
      problem(
        'sources',
        'list the sources the lesson cites (our own advice cites [^ours])',
        'noSources',
      ),
    );
  listed.forEach((id, i) => {
    if (!known(id))
      problems.push(
        problem(
          `sources[${i}]`,
          `unknown source "${id}" (list it under sources in course.yaml)`,
          'unknownSource',
          { id },
        ),
      );
    else if (!cited.includes(id))
      problems.push(
        problem(
          `sources[${i}]`,
          `"${id}" is listed but no line of the text cites it with [^${id}]`,
          'listedNotCited',
          { id },
        ),
      );
  });
  for (const id of cited) {
    if (!known(id))
      problems.push(
        problem(
          bodyPath,
          `[^${id}]: unknown source (list it under sources in course.yaml)`,
          'unknownMarker',
          { id },
        ),
      );
    else if (!listed.includes(id))
      problems.push(
        problem('sources', `the text cites [^${id}]: list "${id}" here`, 'citedNotListed', { id }),
      );
  }
  return problems;
}

const words = z.record(z.string(), z.unknown());

/**
 * A lesson as a trainer publishes it through the admin API: both languages together,
 * Markdown bodies, the source ids it cites and an optional quiz whose `correct` is the
 * 1-based number of the right option (as in lesson files). Only the shape is checked here;
 * {@link checkLessonInput} applies the lesson files' rules.
 *
 * @example { "id": "first_video", "title": { "zh-CN": "第一个视频", "en": "Your first video" }, "body": { "zh-CN": "…[^ours]", "en": "…[^ours]" }, "minutes": 3, "sources": ["ours"] }
 */
export const lessonInputSchema = z
  .object({
    id: z.string().describe('snake_case, unique in the course'),
    title: words.describe('{ "zh-CN": …, "en": … }, at most 80 characters each'),
    body: words.describe('Markdown per language: **bold**, [label](https://…), [^source] markers'),
    minutes: z.number().optional().describe('reading time, 1–15 (estimated when left out)'),
    sources: z.array(z.string()).describe('the source ids the text cites'),
    quiz: z
      .object({
        question: words,
        options: z.array(words),
        correct: z.number().describe('1-based number of the right option'),
        explanation: words,
      })
      .optional(),
  })
  .strict();

/** See {@link lessonInputSchema}. */
export type LessonInput = z.infer<typeof lessonInputSchema>;

/** What a course offers a lesson check: its languages and the sources its lessons may cite. */
export interface LessonCourse {
  languages: readonly Locale[];
  sources: Readonly<Record<string, unknown>>;
}

/** `['quiz', 'options', 2]` → `quiz.options[2]`. */
export function pathOf(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, part) =>
      typeof part === 'number'
        ? `${acc}[${part}]`
        : acc === ''
          ? String(part)
          : `${acc}.${String(part)}`,
    '',
  );
}

/** A zod issue as a lesson problem (its key from the issue's kind). */
export function zodProblem(issue: z.core.$ZodIssue, path: string): LessonProblem {
  const limit = (n: unknown) => Number(n);
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? problem(path, issue.message, 'required')
        : problem(path, issue.message, 'wrongType', { expected: issue.expected });
    case 'too_small':
      return problem(path, issue.message, `tooSmall_${issue.origin}`, {
        limit: limit(issue.minimum),
      });
    case 'too_big':
      return problem(path, issue.message, `tooBig_${issue.origin}`, {
        limit: limit(issue.maximum),
      });
    case 'invalid_format':
      return problem(path, issue.message, 'idFormat');
    case 'unrecognized_keys':
      return problem(path, issue.message, 'unknownKeys', { keys: issue.keys.join(', ') });
    case 'custom':
      return problem(path, issue.message, 'correctOption');
    default:
      return problem(path, issue.message, 'other', { message: issue.message });
  }
}

/** One language's front matter of a trainer's lesson, as a lesson file would have it. */
function frontMatterOf(input: LessonInput, locale: Locale, order: number, minutes: number) {
  const quiz = input.quiz;
  return {
    id: input.id,
    order,
    title: input.title[locale],
    minutes,
    sources: input.sources,
    ...(quiz && {
      quiz: {
        question: quiz.question[locale],
        options: quiz.options.map((o) => o[locale]),
        correct: quiz.correct,
        explanation: quiz.explanation[locale],
      },
    }),
  };
}

/** Where a front-matter issue of one language is in the API's input. */
function inputPath(path: readonly PropertyKey[], locale: Locale): string {
  const [head, ...rest] = path;
  if (head === 'title') return `title.${locale}`;
  if (head === 'quiz' && rest.length > 0) {
    const [field, index] = rest;
    if (field === 'options' && typeof index === 'number') return `quiz.options[${index}].${locale}`;
    if (field === 'question' || field === 'explanation') return `quiz.${field}.${locale}`;
  }
  return pathOf(path);
}

/** A reading time from the text: about 300 characters a minute, 1 to 15. */
export function estimatedMinutes(body: Readonly<Record<string, unknown>>): number {
  const longest = Math.max(0, ...Object.values(body).map((b) => [...String(b)].length));
  return Math.min(15, Math.max(1, Math.ceil(longest / 300)));
}

/**
 * Check a trainer's lesson with the lesson files' rules ({@link lessonFrontMatterSchema}
 * per language, {@link checkLessonBody}, {@link checkLessonSources}), every problem at
 * once, and build the bundled lesson at `order`.
 */
export function checkLessonInput(
  raw: unknown,
  course: LessonCourse,
  order: number,
): { ok: true; lesson: Lesson } | { ok: false; problems: LessonProblem[] } {
  const shape = lessonInputSchema.safeParse(raw);
  if (!shape.success)
    return { ok: false, problems: shape.error.issues.map((i) => zodProblem(i, pathOf(i.path))) };
  const input = shape.data;
  const minutes = input.minutes ?? estimatedMinutes(input.body);
  const problems: LessonProblem[] = [];
  const seen = new Set<string>();
  const add = (p: LessonProblem) => {
    const key = `${p.path}|${p.key}|${JSON.stringify(p.params ?? {})}`;
    if (!seen.has(key)) problems.push(p);
    seen.add(key);
  };
  const metas: Partial<Record<Locale, LessonFrontMatter>> = {};
  for (const locale of course.languages) {
    const parsed = lessonFrontMatterSchema.safeParse(frontMatterOf(input, locale, order, minutes));
    if (parsed.success) metas[locale] = parsed.data;
    else for (const i of parsed.error.issues) add(zodProblem(i, inputPath(i.path, locale)));
    const body = input.body[locale];
    if (typeof body !== 'string') {
      add(problem(`body.${locale}`, 'required', 'required'));
      continue;
    }
    const bodyPath = `body.${locale}`;
    checkLessonBody(body, (line) => `${bodyPath} line ${line}`, bodyPath).forEach(add);
    checkLessonSources(input.sources, body, course.sources, bodyPath).forEach(add);
  }
  for (const key of Object.keys(input.body))
    if (!course.languages.includes(key as Locale))
      add(
        problem(`body.${key}`, `the course is not listed in ${key}`, 'language', { locale: key }),
      );
  const first = metas[course.languages[0] ?? 'zh-CN'];
  if (problems.length > 0 || !first) return { ok: false, problems };
  const pick = (text: Readonly<Record<string, unknown>>) =>
    Object.fromEntries(course.languages.map((l) => [l, String(text[l]).trim()]));
  const quiz = input.quiz;
  return {
    ok: true,
    lesson: {
      id: first.id,
      order,
      minutes,
      title: pick(input.title),
      body: pick(input.body),
      sources: first.sources,
      ...(quiz && {
        quiz: {
          question: pick(quiz.question),
          options: quiz.options.map(pick),
          correct: quiz.correct - 1,
          explanation: pick(quiz.explanation),
        },
      }),
    },
  };
}
