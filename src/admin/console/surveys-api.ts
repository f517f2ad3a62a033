import type { Context } from 'hono';
import type * as z from 'zod';
import type { Locale } from '../../core/message';
import type { AppEnv } from '../../http/types';
import { surveySchema } from '../../surveys/schema';
import { coursesResponseSchema, type CourseSummary } from '../course-routes';
import { surveyStatsSchema, surveySummarySchema } from '../survey-schemas';
import type { Option } from './lists';
import type { ConsoleKit } from './page-kit';

/**
 * The console's reads of the survey and course routes (DESIGN.md section 7), parsed with
 * those routes' own response schemas. An absent route or an answer that does not parse
 * reads as undefined, and the pages say "not available" instead of failing.
 */

/** Text that may be per language, in `locale` (else the other language, else ''). */
export function inLocale(
  value: string | Partial<Record<string, string>> | null | undefined,
  locale: Locale,
): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  return value[locale] ?? value['zh-CN'] ?? value.en ?? Object.values(value)[0] ?? '';
}

/** A survey as `GET /admin/api/surveys` lists it. */
export type SurveyRow = z.infer<typeof surveySummarySchema>;

/** A survey's page data: its summary, current definition and statistics. */
export const surveyDetailSchema = surveySummarySchema.extend({
  definition: surveySchema.nullable().catch(null),
});

/** See {@link surveyDetailSchema}. */
export type SurveyDetail = z.infer<typeof surveyDetailSchema>;

/** Statistics as `GET /admin/api/surveys/{id}/stats` answers them. */
export type SurveyStats = z.infer<typeof surveyStatsSchema>;

async function read<T>(
  kit: ConsoleKit,
  c: Context<AppEnv>,
  path: string,
  schema: z.ZodType<T>,
): Promise<{ status: number; raw: unknown; data: T | undefined }> {
  const answer = await kit.api(c, 'GET', path);
  const parsed = answer.status === 200 ? schema.safeParse(answer.body) : undefined;
  return {
    status: answer.status,
    raw: answer.body,
    data: parsed?.success ? parsed.data : undefined,
  };
}

/** `GET /admin/api/surveys`, with the raw answer for the live script's signature. */
export async function readSurveys(kit: ConsoleKit, c: Context<AppEnv>) {
  return read(kit, c, '/admin/api/surveys', surveySummarySchema.array());
}

/** `GET /admin/api/surveys/{id}`. */
export async function readSurvey(kit: ConsoleKit, c: Context<AppEnv>, id: string) {
  return read(kit, c, `/admin/api/surveys/${encodeURIComponent(id)}`, surveyDetailSchema);
}

/** `GET /admin/api/surveys/{id}/stats` (of the current version). */
export async function readStats(kit: ConsoleKit, c: Context<AppEnv>, id: string) {
  return read(kit, c, `/admin/api/surveys/${encodeURIComponent(id)}/stats`, surveyStatsSchema);
}

/** `GET /admin/api/courses`, or undefined when the courses API is absent or answers oddly. */
export async function readCourses(
  kit: ConsoleKit,
  c: Context<AppEnv>,
): Promise<CourseSummary[] | undefined> {
  return (await read(kit, c, '/admin/api/courses', coursesResponseSchema)).data?.courses;
}

/** The courses for the audience pickers, or undefined while the courses API is absent. */
export async function courseOptions(
  kit: ConsoleKit,
  c: Context<AppEnv>,
  locale: Locale,
): Promise<Option[] | undefined> {
  const courses = await readCourses(kit, c);
  return courses?.map((course) => ({
    id: course.id,
    label: inLocale(course.title, locale) || course.id,
  }));
}
