import type { Context } from 'hono';
import type * as z from 'zod';
import type { Locale } from '../../core/message';
import { content } from '../../content';
import type { Course } from '../../courses/schema';
import type { AppEnv } from '../../http/types';
import type { CourseSummary } from '../course-summaries';
import { listCourses } from '../services/figures';
import { surveyStats } from '../services/survey-results';
import { getSurvey, listSurveys, type SurveyDetail as Detail } from '../services/surveys';
import type { surveyStatsSchema, surveySummarySchema } from '../survey-schemas';
import type { Option } from './lists';
import { consoleActor } from './page-kit';

/**
 * The console's reads of surveys and courses, through the same services the admin API
 * answers from, as the page's signed-in actor. A refusal reads as undefined, and the pages
 * say "not available" instead of failing.
 */

/** A survey's page data: its summary and current definition. */
export type SurveyDetail = Omit<Detail, 'draft'>;

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

/** Statistics as `GET /admin/api/surveys/{id}/stats` answers them. */
export type SurveyStats = z.infer<typeof surveyStatsSchema>;

/** Every survey, or undefined when refused. */
export async function readSurveys(c: Context<AppEnv>): Promise<SurveyRow[] | undefined> {
  const listed = await listSurveys(c.var.deps, consoleActor(c));
  return listed.ok ? listed.value : undefined;
}

/** A survey with its current definition, or undefined (unknown, or refused). */
export async function readSurvey(
  c: Context<AppEnv>,
  id: string,
): Promise<SurveyDetail | undefined> {
  const survey = await getSurvey(c.var.deps, consoleActor(c), id);
  return survey.ok ? survey.value : undefined;
}

/** A survey's statistics (of the current version), or undefined. */
export async function readStats(c: Context<AppEnv>, id: string): Promise<SurveyStats | undefined> {
  const stats = await surveyStats(c.var.deps, consoleActor(c), { id, query: {} });
  return stats.ok && 'counts' in stats.value ? stats.value : undefined;
}

/** The courses with their counts, or undefined when refused. */
export async function readCourses(c: Context<AppEnv>): Promise<CourseSummary[] | undefined> {
  const courses = await listCourses(c.var.deps, consoleActor(c));
  return courses.ok ? courses.value : undefined;
}

/**
 * The courses for the audience pickers, from the catalogue, in its order (already sorted): the same list
 * for every role that may target an audience (a trainer's push, a researcher's
 * invitation), so nobody types a course id.
 */
export function courseOptions(
  locale: Locale,
  courses: readonly Course[] = content.courses,
): Option[] {
  return courses.map((course) => ({
    id: course.id,
    label: inLocale(course.title, locale) || course.id,
  }));
}
