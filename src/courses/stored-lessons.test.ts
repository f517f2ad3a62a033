import { describe, expect, it } from 'vitest';
import { content } from '../content';
import { withOverlay } from '../content/overlay';
import { storedLessonField, withStoredLessons } from './stored-lessons';

const course = content.courses[0]!;
const first = course.lessons[0]!;
const stored = (lesson: typeof first, version = 1) => ({
  course: course.id,
  lesson,
  version,
  at: 1,
  by: 'trainer',
  hash: `h${version}`,
});

describe('withStoredLessons', () => {
  it('adds a new lesson in order, and a revision of a bundled lesson replaces it', () => {
    const added = { ...first, id: 'new_one', order: 39 };
    const revised = { ...first, title: { 'zh-CN': '修订版', en: 'Revised' } };
    const [merged] = withStoredLessons([course], {
      [storedLessonField(course.id, added.id)]: stored(added),
      [storedLessonField(course.id, first.id)]: stored(revised, 2),
    });
    expect(merged!.lessons.map((l) => l.id)).toEqual([
      ...course.lessons.map((l) => l.id),
      'new_one',
    ]);
    expect(merged!.lessons[0]!.title.en).toBe('Revised');
    expect(merged!.lessons).toHaveLength(course.lessons.length + 1);
  });

  it('leaves out entries that do not parse or name an unknown course', () => {
    const merged = withStoredLessons([course], {
      'x/broken': { course: course.id, lesson: { id: 3 } },
      'nowhere/l': { ...stored({ ...first, id: 'lost' }), course: 'nowhere' },
    });
    expect(merged[0]).toStrictEqual(course);
  });

  it('keeps the bundle itself when nothing is published', () => {
    expect(withOverlay(content, { lessons: {} })).toBe(content);
  });
});
