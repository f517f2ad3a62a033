import type { ProfileSlice } from '../core/slices';
import { erasureEvents } from './record';
import { surveyStatusesSchema, type SurveyStatus } from './status';

/** A person's status in each survey version they met, by `<survey id>@<version>`. */
export type SurveyStatuses = Record<string, SurveyStatus>;

/**
 * The surveys slice of the profile: survey versions the person met and their status there
 * (no answers: those live in the survey's records under a pseudonym). Kept without the
 * onboarding consent, since the survey asks its own; erasing the person erases their
 * survey records too.
 */
export const surveysSlice: ProfileSlice<SurveyStatuses> = {
  schema: surveyStatusesSchema,
  erase: (statuses) => erasureEvents(statuses),
};

declare module '../core/profile' {
  interface ProfileSlices {
    surveys: SurveyStatuses;
  }
}
