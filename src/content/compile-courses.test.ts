import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTIONS } from '../actions';
import { catalogues } from '../i18n';
import { compileContent, formatContentError, type SourceFile } from './compile';
import { readContentDir } from './read-dir';

const real = readContentDir(resolve(import.meta.dirname, '../../content'));
const LESSON = 'courses/shipping/03-pool-parcels';

function compile(files: SourceFile[]) {
  return compileContent(files, catalogues, { actions: Object.keys(ACTIONS) });
}

function errorsOf(files: SourceFile[]): string[] {
  const result = compile(files);
  return result.ok ? [] : result.errors.map(formatContentError);
}

/** The real content with one file replaced (or removed, when `text` is undefined). */
function withFile(path: string, text: string | undefined): SourceFile[] {
  const others = real.filter((f) => f.path !== path);
  return text === undefined ? others : [...others, { path, text }];
}

function realText(path: string): string {
  return real.find((f) => f.path === path)!.text;
}

describe('courses in content', () => {
  it('bundles three courses, every lesson in both languages, lessons in order', () => {
    const result = compile(real);
    expect(result.ok ? [] : result.errors.map(formatContentError)).toEqual([]);
    if (!result.ok) return;
    const { courses, lists } = result.bundle;
    expect(courses.map((c) => c.id)).toEqual(['open_shop', 'product_story', 'shipping']);
    for (const course of courses) {
      expect(course.languages).toEqual(['zh-CN', 'en']);
      expect(course.lessons.length).toBeGreaterThanOrEqual(4);
      expect(course.lessons.map((l) => l.order)).toEqual(
        [...course.lessons.map((l) => l.order)].sort((a, b) => a - b),
      );
      for (const lesson of course.lessons) {
        expect(Object.keys(lesson.body).sort()).toEqual(['en', 'zh-CN']);
        for (const id of lesson.sources) expect(course.sources[id]).toBeTruthy();
        if (lesson.quiz) expect(lesson.quiz.correct).toBeLessThan(lesson.quiz.options.length);
      }
    }
    expect(lists.courses?.map((c) => c.id)).toEqual(['open_shop', 'product_story', 'shipping']);
    expect(lists.lessons?.map((l) => l.id)).toContain('shipping/pool_parcels');
  });

  it('never quotes platform fees or deposits as amounts (DOMAIN.md section 5)', () => {
    const result = compile(real);
    if (!result.ok) throw new Error('content must compile');
    const shop = result.bundle.courses.find((c) => c.id === 'open_shop')!;
    const platform = shop.lessons.find((l) => l.id === 'choose_platform')!;
    for (const text of Object.values(platform.body)) {
      expect(text).toMatch(/规则中心|rule centre/);
      expect(text).not.toMatch(/\d+\s*(元|RMB|yuan)/);
    }
  });

  it('reports a lesson missing in one language with its file', () => {
    expect(errorsOf(withFile(`${LESSON}.en.md`, undefined))).toContain(
      `content/${LESSON}.en.md: file is missing: the course is listed in en`,
    );
  });

  it('reports languages that disagree on the quiz, the order or the sources', () => {
    const en = realText(`${LESSON}.en.md`)
      .replace('correct: 1', 'correct: 2')
      .replace('order: 3', 'order: 4')
      .replace('sources: [bainiu]', 'sources: []');
    const errors = errorsOf(withFile(`${LESSON}.en.md`, en));
    expect(errors).toEqual(
      expect.arrayContaining([
        `content/${LESSON}.en.md at quiz.correct: is 2 here but 1 in ${LESSON}.zh-CN.md`,
        `content/${LESSON}.en.md at order: is 4 here but 3 in ${LESSON}.zh-CN.md`,
        `content/${LESSON}.en.md at sources: is  here but bainiu in ${LESSON}.zh-CN.md`,
      ]),
    );
  });

  it('reports front matter problems with the path inside it', () => {
    const zh = realText(`${LESSON}.zh-CN.md`)
      .replace('correct: 1', 'correct: 7')
      .replace('sources: [bainiu]', 'sources: [somebody]');
    expect(errorsOf(withFile(`${LESSON}.zh-CN.md`, zh))).toEqual(
      expect.arrayContaining([
        `content/${LESSON}.zh-CN.md at quiz.correct: correct must be the number of one of the options`,
      ]),
    );
    const unknown = realText(`${LESSON}.zh-CN.md`).replace(
      'sources: [bainiu]',
      'sources: [somebody]',
    );
    expect(errorsOf(withFile(`${LESSON}.zh-CN.md`, unknown))).toContain(
      `content/${LESSON}.zh-CN.md at sources[0]: unknown source "somebody" (list it under sources in course.yaml)`,
    );
    expect(errorsOf(withFile(`${LESSON}.zh-CN.md`, 'no front matter'))).toContain(
      `content/${LESSON}.zh-CN.md at line 1: a lesson starts with front matter between two --- lines`,
    );
  });

  it('refuses markup channels cannot show, naming the line', () => {
    const text = realText(`${LESSON}.en.md`);
    const broken = `${text}\n# A heading\n<b>bold</b>\n[link](ftp://x)\nsome *italics*\n`;
    const headingLine = broken.split('\n').indexOf('# A heading') + 1;
    const errors = errorsOf(withFile(`${LESSON}.en.md`, broken));
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/at line \d+: headings are not shown on chat channels/),
        expect.stringMatching(/at line \d+: HTML tags are not allowed/),
        expect.stringMatching(/at line \d+: link "\[link\]\(ftp:\/\/x\)" must point to an http/),
        expect.stringMatching(/at line \d+: only \*\*bold\*\* is supported/),
      ]),
    );
    expect(errors.find((e) => e.includes('headings'))).toContain(`at line ${headingLine}:`);
  });

  it('refuses a lesson too long for a phone', () => {
    const text = `${realText(`${LESSON}.en.md`)}\n\n${'word '.repeat(400)}`;
    expect(errorsOf(withFile(`${LESSON}.en.md`, text))).toEqual([
      expect.stringMatching(/at body: \d+ characters: keep a lesson under 1800/),
    ]);
  });

  it('checks course.yaml: the id is the folder, each listed language is written', () => {
    const course = realText('courses/shipping/course.yaml')
      .replace('id: shipping', 'id: logistics')
      .replace(/\n {2}en: Shipping and packaging\n/, '\n');
    expect(errorsOf(withFile('courses/shipping/course.yaml', course))).toEqual(
      expect.arrayContaining([
        'content/courses/shipping/course.yaml at id: must be "shipping" (the folder name)',
        'content/courses/shipping/course.yaml at title.en: missing: the course is listed in en',
      ]),
    );
    expect(errorsOf(withFile('courses/shipping/course.yaml', undefined))).toContain(
      'content/courses/shipping/course.yaml: file is missing',
    );
  });

  it('rejects files that are neither a course nor a lesson', () => {
    expect(errorsOf(withFile('courses/shipping/notes.txt', 'x'))).toEqual([
      'content/courses/shipping/notes.txt: courses hold <course>/course.yaml and lessons named <NN-name>.<zh-CN|en>.md',
    ]);
  });

  it('checks that a plan step links a lesson that exists', () => {
    const steps = realText('rules/steps.yaml').replace(
      'lesson: shipping/pool_parcels',
      'lesson: shipping/carrier_pigeons',
    );
    expect(errorsOf(withFile('rules/steps.yaml', steps))).toEqual([
      'content/rules/steps.yaml at steps.pool_parcels_with_neighbours.lesson: unknown lesson "shipping/carrier_pigeons" (write course/lesson, as in content/courses)',
    ]);
  });
});
