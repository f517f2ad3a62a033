import * as z from 'zod';

/**
 * Where a person stands with one survey version. `started` covers partial responses;
 * `declined` keeps nothing but the decline; `withdrawn` keeps nothing but the withdrawal.
 */
export const SURVEY_STATUSES = ['started', 'completed', 'declined', 'withdrawn'] as const;

/** See {@link SURVEY_STATUSES}. */
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];

/**
 * A person's status in each survey version they met, by `<survey id>@<version>`: what
 * enforces one response per person and version, and what erasure and withdrawal act on.
 */
export const surveyStatusesSchema = z.record(z.string(), z.enum(SURVEY_STATUSES));
