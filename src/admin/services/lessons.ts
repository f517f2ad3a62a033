import * as z from 'zod';
import { createJob, jobRecipients } from '../../broadcast/planner';
import { BroadcastQueueMissingError } from '../../broadcast/queue';
import { checkLessonInput, type LessonProblem } from '../../content/check-lesson';
import type { Locale } from '../../core/message';
import type { Course, Lesson } from '../../courses/schema';
import { announcement, announcementId } from '../../courses/shell/announce';
import {
  storedLessonField,
  storedLessonSchema,
  type StoredLesson,
} from '../../courses/stored-lessons';
import { translate } from '../../i18n';
import {
  done,
  forbidden,
  recordAudit,
  refused,
  type Actor,
  type Refusal,
  type ServiceDeps,
  type ServiceOutcome,
} from './service';
import { historyOf, liveCourse, unknownCourse, type LessonVersion } from './lesson-reads';

/** What publishing or editing a lesson answers. */
export const lessonWriteSchema = z.object({
  course: z.string(),
  lesson: z.string(),
  version: z.number().int(),
  /** False when the same content was already the latest version (a retried call). */
  changed: z.boolean(),
  /** The broadcast that tells the course's subscribers (publishing only). */
  job: z.string().optional(),
});

/** See {@link lessonWriteSchema}. */
export type LessonWrite = z.infer<typeof lessonWriteSchema>;

/** The deterministic id of the broadcast announcing a lesson's version (one per version). */
export const lessonJobId = (course: string, lesson: string, version: number) =>
  announcementId(course, lesson, version);

/** A lesson's problems in the trainer's language: as a list and by field. */
function invalid(problems: readonly LessonProblem[], locale: Locale): Refusal {
  const said = problems.map((p) => ({
    path: p.path,
    key: p.key,
    ...(p.params ? { params: p.params } : {}),
    message: translate(locale, `admin_lessons.problems.${p.key}`, {
      ...p.params,
      defaultValue: p.message,
    }),
  }));
  return refused(400, 'invalid_lesson', { problems: said, locale });
}

/** The content hash of a lesson (its JSON), so a re-sent publish or edit is recognised. */
async function hashOf(lesson: Lesson): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(lesson));
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** How many people a course's announcement reaches now. */
export async function courseAudience(deps: ServiceDeps, courseId: string): Promise<number> {
  return (await jobRecipients(deps.planner, { course: courseId })).length;
}

/**
 * Tell a course's subscribers of a lesson's version, once: the job's id is the version's,
 * and an existing job is left alone (a retried publish). Without a broadcast queue the
 * lesson stays published and nobody is told (logged); undefined then.
 */
async function announce(
  deps: ServiceDeps,
  actor: Actor,
  course: Course,
  lesson: Lesson,
  version: number,
): Promise<{ id: string; recipients: number; created: boolean } | undefined> {
  const id = lessonJobId(course.id, lesson.id, version);
  if ((await deps.store.loadJob(id)) !== null) return { id, recipients: 0, created: false };
  try {
    await createJob(
      { ...deps.planner, newId: () => id },
      announcement(translate, course, lesson),
      actor.label,
    );
  } catch (error) {
    if (error instanceof BroadcastQueueMissingError) return undefined;
    throw error;
  }
  return { id, recipients: await courseAudience(deps, course.id), created: true };
}

const nextVersion = (history: readonly LessonVersion[]) =>
  Math.max(0, ...history.map((h) => h.version)) + 1;

/**
 * Publish a new lesson into a course (`POST /admin/api/courses/:id/lessons`): checked with
 * the lesson files' rules (every problem at once, in `locale`), stored in the content
 * overlay as the next version, announced to the course's subscribers once, audited. The
 * same content sent again (a retry whose answer was lost) changes nothing and tells no one
 * twice; a different lesson under a taken id is a 409.
 */
export async function publishLesson(
  deps: ServiceDeps,
  actor: Actor,
  courseId: string,
  input: unknown,
  locale: Locale,
): Promise<ServiceOutcome<LessonWrite>> {
  const refusal = forbidden(actor, 'publishLesson');
  if (refusal) return refusal;
  const found = await liveCourse(deps, courseId);
  if (!found) return unknownCourse();
  const id = typeof input === 'object' && input !== null ? (input as { id?: unknown }).id : '';
  const current = found.stored.find((s) => s.lesson.id === id);
  const order = current?.lesson.order ?? Math.max(0, ...found.live.lessons.map((l) => l.order)) + 1;
  const checked = checkLessonInput(input, found.bundled, order);
  if (!checked.ok) return invalid(checked.problems, locale);
  const lesson = checked.lesson;
  const hash = await hashOf(lesson);
  const field = storedLessonField(courseId, lesson.id);
  const retried = async (stored: StoredLesson): Promise<ServiceOutcome<LessonWrite>> => {
    const job = await announce(deps, actor, found.bundled, stored.lesson, stored.version);
    return done({
      course: courseId,
      lesson: lesson.id,
      version: stored.version,
      changed: false,
      ...(job ? { job: job.id } : {}),
    });
  };
  if (current && current.hash === hash) return retried(current);
  if (current || found.bundled.lessons.some((l) => l.id === lesson.id))
    return refused(409, 'lesson_exists', {
      locale,
      message: translate(locale, 'admin_lessons.errors.exists', { id: lesson.id }),
    });
  const version = nextVersion(await historyOf(deps, courseId, lesson.id));
  const stored: StoredLesson = {
    course: courseId,
    lesson,
    version,
    at: deps.now(),
    by: actor.label,
    hash,
  };
  const jobId = lessonJobId(courseId, lesson.id, version);
  const entry: LessonVersion = {
    action: 'publish',
    version,
    at: stored.at,
    by: actor.label,
    hash,
    lesson,
    job: jobId,
  };
  const write = await deps.store.writeOverlay('lessons', field, stored, entry, true);
  if (!write.written) {
    const previous = storedLessonSchema.safeParse(write.previous);
    if (previous.success && previous.data.hash === hash) return retried(previous.data);
    return refused(409, 'lesson_exists', {
      locale,
      message: translate(locale, 'admin_lessons.errors.exists', { id: lesson.id }),
    });
  }
  const job = await announce(deps, actor, found.bundled, lesson, version);
  await recordAudit(deps, actor, {
    action: 'lesson.publish',
    target: { kind: 'lesson', id: field, title: lesson.title },
    details: { version, recipients: job?.recipients ?? 0, ...(job ? { job: job.id } : {}) },
  });
  return done({
    course: courseId,
    lesson: lesson.id,
    version,
    changed: true,
    ...(job ? { job: job.id } : {}),
  });
}

/**
 * Revise a published (or bundled) lesson (`PUT …/lessons/:lessonId`): the same checks; a
 * new version in its history unless the content is the latest version's (a retry); no
 * announcement; audited.
 */
export async function editLesson(
  deps: ServiceDeps,
  actor: Actor,
  courseId: string,
  lessonId: string,
  input: unknown,
  locale: Locale,
): Promise<ServiceOutcome<LessonWrite>> {
  const refusal = forbidden(actor, 'editLesson');
  if (refusal) return refusal;
  const found = await liveCourse(deps, courseId);
  if (!found) return unknownCourse();
  const existing = found.live.lessons.find((l) => l.id === lessonId);
  if (!existing) return refused(404, 'unknown_lesson');
  const body = typeof input === 'object' && input !== null ? { ...input, id: lessonId } : input;
  const checked = checkLessonInput(body, found.bundled, existing.order);
  if (!checked.ok) return invalid(checked.problems, locale);
  const lesson = checked.lesson;
  const hash = await hashOf(lesson);
  const current = found.stored.find((s) => s.lesson.id === lessonId);
  if (current && current.hash === hash)
    return done({ course: courseId, lesson: lessonId, version: current.version, changed: false });
  const field = storedLessonField(courseId, lessonId);
  const version = nextVersion(await historyOf(deps, courseId, lessonId));
  const at = deps.now();
  const stored: StoredLesson = { course: courseId, lesson, version, at, by: actor.label, hash };
  const entry: LessonVersion = { action: 'edit', version, at, by: actor.label, hash, lesson };
  await deps.store.writeOverlay('lessons', field, stored, entry);
  await recordAudit(deps, actor, {
    action: 'lesson.revise',
    target: { kind: 'lesson', id: field, title: lesson.title },
    details: { version },
  });
  return done({ course: courseId, lesson: lessonId, version, changed: true });
}

/**
 * Take a published lesson back (`DELETE …/lessons/:lessonId`): people no longer see it (a
 * revised bundled lesson shows as bundled again); its history stays. Unpublishing what is
 * not published is a no-op (a retry); a lesson that never was published is a 404.
 */
export async function unpublishLesson(
  deps: ServiceDeps,
  actor: Actor,
  courseId: string,
  lessonId: string,
): Promise<ServiceOutcome<{ course: string; lesson: string; changed: boolean }>> {
  const refusal = forbidden(actor, 'unpublishLesson');
  if (refusal) return refusal;
  const found = await liveCourse(deps, courseId);
  if (!found) return unknownCourse();
  const current = found.stored.find((s) => s.lesson.id === lessonId);
  const answer = (changed: boolean) => done({ course: courseId, lesson: lessonId, changed });
  if (!current) {
    const history = await historyOf(deps, courseId, lessonId);
    return history.length > 0 ? answer(false) : refused(404, 'unknown_lesson');
  }
  const field = storedLessonField(courseId, lessonId);
  const entry: LessonVersion = {
    action: 'unpublish',
    version: current.version,
    at: deps.now(),
    by: actor.label,
  };
  await deps.store.writeOverlay('lessons', field, null, entry);
  await recordAudit(deps, actor, {
    action: 'lesson.unpublish',
    target: { kind: 'lesson', id: field, title: current.lesson.title },
    details: { version: current.version },
  });
  return answer(true);
}
