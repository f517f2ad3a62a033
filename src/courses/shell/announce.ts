import type { JobInput } from '../../broadcast/job';
import type { PlannerDeps } from '../../broadcast/planner';
import type { Translate } from '../../core/text';
import { words } from '../catalogue';
import { ensureJob } from './jobs';
import type { Course, Lesson } from '../schema';

/**
 * The ledger of lessons already announced, kept as the once-only delivery record of a
 * pseudo job (`handledRecipients` checks every lesson in one round trip, `recordDelivery`
 * marks one, atomically and once). It is never saved as a job, so it lists nowhere.
 */
export const ANNOUNCED_LEDGER = 'courses:announced';

/** What the announcement run needs. */
export interface AnnounceDeps {
  planner: PlannerDeps;
  courses: readonly Course[];
  t: Translate;
}

/** What one run did, by `course/lesson`. */
export interface AnnounceResult {
  /** New lessons of a known course: a `course_update` job went to its subscribers. */
  announced: string[];
  /** Lessons of a course seen for the first time: recorded, not announced. */
  baseline: string[];
}

/**
 * The job id of a lesson's announcement: one per bundled lesson, ever; a lesson published
 * from the console gets one per published version (`-v<n>`), so republishing tells again.
 */
export function announcementId(courseId: string, lessonId: string, version?: number): string {
  return `lesson-${courseId}-${lessonId}${version === undefined ? '' : `-v${version}`}`;
}

/** The course and lesson an announcement's job id names (ids are snake_case, no `-`). */
export function announcedLesson(jobId: string): { course: string; lesson: string } | undefined {
  const match = /^lesson-([a-z0-9_]+)-([a-z0-9_]+)(?:-v\d+)?$/.exec(jobId);
  return match ? { course: match[1]!, lesson: match[2]! } : undefined;
}

/** "New lesson in …" in both languages, for the course's subscribers. */
export function announcement(t: Translate, course: Course, lesson: Lesson): JobInput {
  const text = (locale: 'zh-CN' | 'en') =>
    t(locale, 'courses.announce', {
      course: words(course, course.title, locale),
      title: words(course, lesson.title, locale),
      minutes: lesson.minutes,
      id: course.id,
    });
  return {
    audience: { course: course.id },
    messages: { 'zh-CN': text('zh-CN'), en: text('en') },
    kind: 'course_update',
  };
}

/**
 * Compare the bundled catalogue with the lessons already announced and tell each course's
 * subscribers about each new lesson, once. A course seen for the first time is recorded
 * without announcing (its subscribers, if any, just found it). The job is made before the
 * lesson is marked, under an id fixed per lesson, so a crash in between or two overlapping
 * runs still send it once.
 */
export async function announceNewLessons(deps: AnnounceDeps): Promise<AnnounceResult> {
  const { store } = deps.planner;
  const refOf = (c: Course, l: Lesson) => `${c.id}/${l.id}`;
  const refs = deps.courses.flatMap((c) => c.lessons.map((l) => refOf(c, l)));
  const result: AnnounceResult = { announced: [], baseline: [] };
  if (refs.length === 0) return result;
  const handled = await store.handledRecipients(ANNOUNCED_LEDGER, refs);
  const seen = new Set(refs.filter((_, i) => handled[i]));
  for (const course of deps.courses) {
    const known = course.lessons.some((l) => seen.has(refOf(course, l)));
    for (const lesson of course.lessons.filter((l) => !seen.has(refOf(course, l)))) {
      const ref = refOf(course, lesson);
      if (!known) {
        await store.recordDelivery(ANNOUNCED_LEDGER, ref, 'baseline');
        result.baseline.push(ref);
        continue;
      }
      const input = announcement(deps.t, course, lesson);
      await ensureJob(deps.planner, announcementId(course.id, lesson.id), input, 'courses');
      if (await store.recordDelivery(ANNOUNCED_LEDGER, ref, 'announced'))
        result.announced.push(ref);
    }
  }
  if (result.announced.length > 0 || result.baseline.length > 0)
    deps.planner.log.info('lessons_announced', { ...result });
  return result;
}
