import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REGISTERED } from '../domains';
import { catalogues } from '../i18n';
import { compileContent, formatContentError, type SourceFile } from './compile';
import { readContentDir } from './read-dir';
import { COURSE_ORDER } from '../../test/support/courses';

const real = readContentDir(resolve(import.meta.dirname, '../../content'));
const LESSON = 'courses/shipping/03-pool-parcels';

function compile(files: SourceFile[]) {
  return compileContent(files, catalogues, REGISTERED);
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
  it('bundles the courses in catalogue order, every lesson in both languages, lessons in order', () => {
    const result = compile(real);
    expect(result.ok ? [] : result.errors.map(formatContentError)).toEqual([]);
    if (!result.ok) return;
    const { courses, lists } = result.bundle;
    const ids = COURSE_ORDER;
    expect(courses.map((c) => c.id)).toEqual(ids);
    for (const course of courses) {
      expect(course.languages).toEqual(['zh-CN', 'en']);
      expect(course.lessons.length).toBeGreaterThanOrEqual(3);
      expect(course.lessons.length).toBeLessThanOrEqual(5);
      expect(course.lessons.map((l) => l.order)).toEqual(
        [...course.lessons.map((l) => l.order)].sort((a, b) => a - b),
      );
      for (const lesson of course.lessons) {
        expect(Object.keys(lesson.body).sort()).toEqual(['en', 'zh-CN']);
        expect(lesson.sources.length).toBeGreaterThan(0);
        for (const id of lesson.sources) {
          expect(course.sources[id]?.['zh-CN']).toBeTruthy();
          expect(course.sources[id]?.en).toBeTruthy();
        }
        expect(lesson.quiz, `${course.id}/${lesson.id} ends with a quiz`).toBeDefined();
        if (lesson.quiz) expect(lesson.quiz.correct).toBeLessThan(lesson.quiz.options.length);
      }
    }
    expect(lists.courses?.map((c) => c.id)).toEqual(ids);
    expect(lists.lessons?.map((l) => l.id)).toContain('shipping/pool_parcels');
  });

  it('never quotes platform fees or deposits as amounts (DOMAIN.md section 5)', () => {
    const result = compile(real);
    if (!result.ok) throw new Error('content must compile');
    const shop = result.bundle.courses.find((c) => c.id === 'open_shop')!;
    const platform = shop.lessons.find((l) => l.id === 'choose_platform')!;
    const sell = result.bundle.courses.find((c) => c.id === 'where_to_sell')!;
    const fees = sell.lessons.find((l) => l.id === 'deposits_and_fees')!;
    for (const text of [...Object.values(platform.body), ...Object.values(fees.body)]) {
      expect(text).toMatch(/规则中心|rule centre/);
      expect(text).not.toMatch(/\d+\s*(元|RMB|yuan)|(RMB|¥)\s*\d/);
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
      .replace('sources: [bainiu, ours, example]', 'sources: [ours, bainiu, example]');
    const errors = errorsOf(withFile(`${LESSON}.en.md`, en));
    expect(errors).toEqual(
      expect.arrayContaining([
        `content/${LESSON}.en.md at quiz.correct: is 2 here but 1 in ${LESSON}.zh-CN.md`,
        `content/${LESSON}.en.md at order: is 4 here but 3 in ${LESSON}.zh-CN.md`,
        `content/${LESSON}.en.md at sources: is ours, bainiu, example here but bainiu, ours, example in ${LESSON}.zh-CN.md`,
      ]),
    );
  });

  it('reports front matter problems with the path inside it', () => {
    const zh = realText(`${LESSON}.zh-CN.md`).replace('correct: 1', 'correct: 7');
    expect(errorsOf(withFile(`${LESSON}.zh-CN.md`, zh))).toEqual(
      expect.arrayContaining([
        `content/${LESSON}.zh-CN.md at quiz.correct: correct must be the number of one of the options`,
      ]),
    );
    const unknown = realText(`${LESSON}.zh-CN.md`).replace(
      'sources: [bainiu, ours, example]',
      'sources: [somebody, ours, example]',
    );
    expect(errorsOf(withFile(`${LESSON}.zh-CN.md`, unknown))).toContain(
      `content/${LESSON}.zh-CN.md at sources[0]: unknown source "somebody" (list it under sources in course.yaml)`,
    );
    expect(errorsOf(withFile(`${LESSON}.zh-CN.md`, 'no front matter'))).toContain(
      `content/${LESSON}.zh-CN.md at line 1: a lesson starts with front matter between two --- lines`,
    );
  });

  it('refuses a line with a figure and no source marker, naming the line', () => {
    const text = realText(`${LESSON}.en.md`);
    const broken = `${text}\n\nIn 2015 the association saved RMB 2 a parcel.\n`;
    const line = broken.split('\n').indexOf('In 2015 the association saved RMB 2 a parcel.') + 1;
    expect(errorsOf(withFile(`${LESSON}.en.md`, broken))).toEqual([
      `content/${LESSON}.en.md at line ${line}: a line with a figure needs its source: end it with [^id] (a source in course.yaml, [^ours] for our rule of thumb, [^example] for a made-up example)`,
    ]);
    // List numbers are not figures; a marked line passes.
    const fine = `${text}\n\n1. Ask your courier.\n2. In 2013 Bainiu sold nuts.[^bainiu]\n`;
    expect(errorsOf(withFile(`${LESSON}.en.md`, fine))).toEqual([]);
  });

  it('keeps the markers and the listed sources in step, and knows every marker', () => {
    const zh = realText(`${LESSON}.zh-CN.md`);
    const unknown = zh.replace('降了1元**，还遏制了互相压价。[^bainiu]', '降了1元**。[^nobody]');
    expect(errorsOf(withFile(`${LESSON}.zh-CN.md`, unknown))).toEqual(
      expect.arrayContaining([
        `content/${LESSON}.zh-CN.md at body: [^nobody]: unknown source (list it under sources in course.yaml)`,
        `content/${LESSON}.zh-CN.md at sources[0]: "bainiu" is listed but no line of the text cites it with [^bainiu]`,
      ]),
    );
    const unlisted = zh.replace('sources: [bainiu, ours, example]', 'sources: [bainiu, ours]');
    expect(errorsOf(withFile(`${LESSON}.zh-CN.md`, unlisted))).toEqual(
      expect.arrayContaining([
        `content/${LESSON}.zh-CN.md at sources: the text cites [^example]: list "example" here`,
      ]),
    );
    const packaging = 'courses/shipping/05-packaging.en.md';
    const none = realText(packaging)
      .replace('sources: [ours]', 'sources: []')
      .replaceAll('[^ours]', '')
      .replace('out of 100 parcels', 'out of every hundred parcels');
    expect(errorsOf(withFile(packaging, none))).toEqual(
      expect.arrayContaining([
        `content/${packaging} at sources: list the sources the lesson cites (our own advice cites [^ours])`,
      ]),
    );
  });

  it('wants every source label dated and written in every language of the course', () => {
    const course = realText('courses/shipping/course.yaml')
      .replace('en: CCTV, 2023-08-15', 'en: CCTV')
      .replace(/\n {4}zh-CN: 浙江日报，2013年[^\n]*\n/, '\n');
    expect(errorsOf(withFile('courses/shipping/course.yaml', course))).toEqual(
      expect.arrayContaining([
        'content/courses/shipping/course.yaml at sources.rural_demo.en: give the date of the source (at least the year)',
        'content/courses/shipping/course.yaml at sources.bainiu.zh-CN: missing: the course is listed in zh-CN',
      ]),
    );
    const reserved = realText('courses/shipping/course.yaml').replace(
      '  rural_demo:\n',
      '  ours:\n    zh-CN: 我们，2026\n    en: Us, 2026\n  rural_demo:\n',
    );
    expect(errorsOf(withFile('courses/shipping/course.yaml', reserved))).toContain(
      'content/courses/shipping/course.yaml at sources.ours: "ours" is built in (our rule of thumb, or a made-up example): use another id',
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
