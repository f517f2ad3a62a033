import { resolveAudience } from '../../broadcast/audience';
import { content } from '../../content';
import type { Course } from '../../courses/schema';
import { audiencePreviewInputSchema, type AudiencePreview } from '../api-schemas';
import {
  courseIdSchema,
  courseStats as computeCourseStats,
  type CourseStats,
} from '../course-stats';
import { courseSummaries, type CourseSummary } from '../course-summaries';
import { overview as computeOverview, type Overview, type Totals } from '../overview';
import { listSurveys as listStoredSurveys } from '../../surveys/io/summaries';
import { issuesOf } from '../../http/bad-request';
import { liveCourse } from './lesson-reads';
import {
  invalidInput,
  done,
  forbidden,
  refused,
  type Actor,
  type ServiceDeps,
  type ServiceOutcome,
  permittedInput,
} from './service';

/**
 * People by channel, language, province and category, active people, the last 30 days,
 * checks run, jobs, survey and course totals (cached a minute).
 */
export async function overview(deps: ServiceDeps, actor: Actor): Promise<ServiceOutcome<Overview>> {
  return (
    forbidden(actor, 'overview') ??
    done(await computeOverview(deps.store, deps.now(), () => overviewTotals(deps)))
  );
}

/** Survey and course totals for the overview. */
async function overviewTotals(
  deps: ServiceDeps,
  courses: readonly Course[] = content.courses,
): Promise<Totals> {
  const [surveys, summaries] = await Promise.all([
    listStoredSurveys(deps),
    courseSummaries(deps.store, courses),
  ]);
  const byStatus: Record<string, number> = {};
  for (const s of surveys) byStatus[s.status] = (byStatus[s.status] ?? 0) + 1;
  const sum = <T>(rows: readonly T[], of: (row: T) => number) =>
    rows.reduce((total, row) => total + of(row), 0);
  return {
    surveys: {
      total: surveys.length,
      byStatus,
      invited: sum(surveys, (s) => s.counts.invited),
      completed: sum(surveys, (s) => s.counts.completed),
    },
    courses: {
      total: summaries.courses.length,
      subscribers: sum(summaries.courses, (c) => c.subscribers),
      started: sum(summaries.courses, (c) => c.started),
      completed: sum(summaries.courses, (c) => c.completed),
    },
  };
}

/** How many people an audience (`{ audience }`) reaches now, by channel and language. */
export async function previewAudience(
  deps: ServiceDeps,
  actor: Actor,
  input: unknown,
): Promise<ServiceOutcome<AudiencePreview>> {
  const parsed = permittedInput(actor, 'previewAudience', audiencePreviewInputSchema, input);
  if (!parsed.ok) return parsed;
  const recipients = await resolveAudience(deps.store, parsed.value.audience);
  const byChannel: Record<string, number> = {};
  const byLocale: Record<string, number> = {};
  for (const r of recipients) {
    byChannel[r.channel] = (byChannel[r.channel] ?? 0) + 1;
    byLocale[r.locale] = (byLocale[r.locale] ?? 0) + 1;
  }
  return done({ size: recipients.length, byChannel, byLocale });
}

/** The courses with their lessons, subscribers, and how many started and finished. */
export async function listCourses(
  deps: ServiceDeps,
  actor: Actor,
  courses: readonly Course[] = content.courses,
): Promise<ServiceOutcome<CourseSummary[]>> {
  const refusal = forbidden(actor, 'listCourses');
  if (refusal) return refusal;
  return done((await courseSummaries(deps.store, courses)).courses);
}

/**
 * One course's figures: subscribers, and per lesson who opened it, finished it and got its
 * quiz right the first time. 400 for a malformed id, 404 for a course the catalogue lacks.
 */
export async function courseStats(
  deps: ServiceDeps,
  actor: Actor,
  id: unknown,
  courses: readonly Course[] = content.courses,
): Promise<ServiceOutcome<CourseStats>> {
  const refusal = forbidden(actor, 'courseStats');
  if (refusal) return refusal;
  const parsed = courseIdSchema.safeParse(id);
  if (!parsed.success)
    return invalidInput(issuesOf(parsed.error, { input: id }).map((i) => ({ ...i, field: 'id' })));
  const course = courses.find((c) => c.id === parsed.data);
  if (!course) return refused(404, 'not_found');
  // Lessons published from the console count too (one read of the lesson overlay).
  const live = courses === content.courses ? (await liveCourse(deps, course.id))?.live : undefined;
  return done(await computeCourseStats(deps.store, live ?? course));
}
