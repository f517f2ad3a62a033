import { parseDocument } from 'yaml';
import type * as z from 'zod';
import type { Locale } from '../core/message';
import type { ListItem } from '../core/steps/types';
import { BUILT_IN_SOURCES } from '../courses/citations';
import { splitFrontMatter } from '../courses/markdown';
import {
  courseFileSchema,
  inLanguage,
  lessonFrontMatterSchema,
  type Course,
  type CourseFile,
} from '../courses/schema';
import { checkLessonBody } from './check-lesson';
import { buildCourse, type ParsedLesson } from './compile-lessons';
import type { ContentError, SourceFile } from './source';

export type { ParsedLesson } from './compile-lessons';

/** A source label carries its date: at least a year. */
const DATED = /(19|20)\d\d/;

export { MAX_LESSON_CHARS } from './check-lesson';

/** The catalogue and the content lists built from it. */
export interface CoursesCompiled {
  courses: Course[];
  /** `courses`: one item per course (title); `lessons`: `course/lesson` ids (title). */
  lists: { courses: ListItem[]; lessons: ListItem[] };
}

const LESSON_FILE = /^courses\/([^/]+)\/([^/]+)\.(zh-CN|en)\.md$/;
const COURSE_FILE = /^courses\/([^/]+)\/course\.ya?ml$/;

/**
 * Validate `content/courses/`: each folder's `course.yaml` and its lessons
 * (`NN-name.<locale>.md`, Markdown with front matter), every lesson in every language the
 * course lists, the same structure in each language, only known sources, dated source
 * labels in every language, a source marker on every line with a figure, only the markup
 * channels can show. Problems go to `errors` with the file, the path and the reason.
 * Courses come in their `order`, then by folder name.
 */
export function compileCourses(
  files: readonly SourceFile[],
  errors: ContentError[],
): CoursesCompiled {
  const heads = new Map<string, { file: string; data: CourseFile }>();
  const lessons = new Map<string, ParsedLesson[]>();
  for (const file of files) {
    const course = COURSE_FILE.exec(file.path);
    const lesson = LESSON_FILE.exec(file.path);
    if (course) {
      const data = parseCourseFile(file, course[1]!, errors);
      if (data) heads.set(course[1]!, { file: file.path, data });
    } else if (lesson) {
      const parsed = parseLessonFile(file, lesson[3] as Locale, errors);
      if (parsed) lessons.set(lesson[1]!, [...(lessons.get(lesson[1]!) ?? []), parsed]);
    } else {
      errors.push({
        file: file.path,
        path: '',
        message: 'courses hold <course>/course.yaml and lessons named <NN-name>.<zh-CN|en>.md',
      });
    }
  }
  for (const folder of lessons.keys()) {
    if (!heads.has(folder))
      errors.push({ file: `courses/${folder}/course.yaml`, path: '', message: 'file is missing' });
  }

  const rank = (order: number | undefined) => order ?? Number.MAX_SAFE_INTEGER;
  const courses = [...heads.entries()]
    .sort(([a, x], [b, y]) => rank(x.data.order) - rank(y.data.order) || a.localeCompare(b))
    .map(([folder, head]) => buildCourse(head, lessons.get(folder) ?? [], errors));
  const item = (id: string, title: Course['title'], languages: Course['languages']) => ({
    id,
    label: {
      'zh-CN': inLanguage(title, 'zh-CN', languages),
      en: inLanguage(title, 'en', languages),
    },
  });
  return {
    courses,
    lists: {
      courses: courses.map((c) => item(c.id, c.title, c.languages)),
      lessons: courses.flatMap((c) =>
        c.lessons.map((l) => item(`${c.id}/${l.id}`, l.title, c.languages)),
      ),
    },
  };
}

function parseCourseFile(file: SourceFile, folder: string, errors: ContentError[]) {
  const data = parseYaml(file.text, file.path, 0, courseFileSchema, errors);
  if (!data) return undefined;
  if (data.id !== folder)
    errors.push({ file: file.path, path: 'id', message: `must be "${folder}" (the folder name)` });
  if (new Set(data.languages).size !== data.languages.length)
    errors.push({ file: file.path, path: 'languages', message: 'a language is listed twice' });
  for (const field of ['title', 'summary', 'trainer'] as const) {
    for (const locale of data.languages) {
      if (!data[field][locale])
        errors.push({
          file: file.path,
          path: `${field}.${locale}`,
          message: `missing: the course is listed in ${locale}`,
        });
    }
  }
  checkSourceLabels(file.path, data, errors);
  return data;
}

/** Each source: not a built-in id, a label in every language of the course, with a date. */
function checkSourceLabels(file: string, data: CourseFile, errors: ContentError[]) {
  for (const [id, label] of Object.entries(data.sources)) {
    if (id in BUILT_IN_SOURCES)
      errors.push({
        file,
        path: `sources.${id}`,
        message: `"${id}" is built in (our rule of thumb, or a made-up example): use another id`,
      });
    for (const locale of data.languages) {
      const text = label[locale];
      if (!text)
        errors.push({
          file,
          path: `sources.${id}.${locale}`,
          message: `missing: the course is listed in ${locale}`,
        });
      else if (!DATED.test(text))
        errors.push({
          file,
          path: `sources.${id}.${locale}`,
          message: 'give the date of the source (at least the year)',
        });
    }
  }
}

function parseLessonFile(
  file: SourceFile,
  locale: Locale,
  errors: ContentError[],
): ParsedLesson | undefined {
  const split = splitFrontMatter(file.text);
  if (!split) {
    errors.push({
      file: file.path,
      path: 'line 1',
      message: 'a lesson starts with front matter between two --- lines',
    });
    return undefined;
  }
  const meta = parseYaml(split.frontMatter, file.path, 1, lessonFrontMatterSchema, errors);
  if (/\[\^[a-z]/.test(split.frontMatter))
    errors.push({
      file: file.path,
      path: 'front matter',
      message: 'source markers [^id] belong in the text; the chat shows the quiz without sources',
    });
  const at = (line: number) => `line ${split.bodyLine + line - 1}`;
  for (const p of checkLessonBody(split.body, at))
    errors.push({ file: file.path, path: p.path, message: p.message });
  return meta && { file: file.path, locale, meta, body: split.body };
}

/** Parse YAML and validate it; `lineOffset` is where the text starts in its file. */
function parseYaml<S extends z.ZodType>(
  text: string,
  file: string,
  lineOffset: number,
  schema: S,
  errors: ContentError[],
): z.infer<S> | undefined {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const line = e.linePos?.[0];
      errors.push({
        file,
        path: line ? `line ${line.line + lineOffset}, column ${line.col}` : '',
        message: e.message.split('\n')[0] ?? e.message,
      });
    }
    return undefined;
  }
  const result = schema.safeParse(doc.toJS());
  if (!result.success) {
    for (const issue of result.error.issues)
      errors.push({ file, path: pathOf(issue.path), message: issue.message });
    return undefined;
  }
  return result.data;
}

/** `['quiz', 'options', 2]` → `quiz.options[2]`, as the rest of the build writes paths. */
function pathOf(path: readonly PropertyKey[]): string {
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
