import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { content } from '.';
import { splitFrontMatter } from '../courses/markdown';
import { lessonFrontMatterSchema } from '../courses/schema';
import { checkLessonGroup } from './compile-lessons';
import { lessonFile } from './lesson-file';
import type { ContentError } from './source';

describe('lessonFile', () => {
  it('writes a lesson the build reads back as the same lesson, in every language', () => {
    const course = content.courses.find((c) => c.id === 'shipping')!;
    const lesson = course.lessons.find((l) => l.quiz)!;
    const files = course.languages.map((locale) => {
      const file = lessonFile(lesson, locale);
      expect(file.name).toMatch(new RegExp(`^0${lesson.order}-[a-z-]+\\.${locale}\\.md$`));
      const split = splitFrontMatter(file.text)!;
      const meta = lessonFrontMatterSchema.parse(parse(split.frontMatter));
      return { file: file.name, locale, meta, body: split.body };
    });
    const errors: ContentError[] = [];
    const head = { ...course, sources: course.sources, order: 1 };
    const rebuilt = checkLessonGroup('x', files, head, errors);
    expect(errors).toEqual([]);
    expect(rebuilt).toEqual(lesson);
  });
});
