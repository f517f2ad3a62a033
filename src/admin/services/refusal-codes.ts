import type { EditRefusal } from '../../broadcast/edit';
import { SURVEY_REFUSAL_CODES } from '../../surveys/io/registry';

// Why an edit of a push did not happen (`busy` is the registry's word too): the compiler
// holds that every one is here, since the edit service refuses with the reason as it is.
const EDIT_REFUSALS = ['already_started', 'cancelled'] as const satisfies readonly EditRefusal[];

/**
 * Every `error` an admin service refuses with. Each has words in both languages under
 * `admin_trust.errors.<code>` (a test holds this), which the API's `message` and the
 * console say.
 */
export const REFUSAL_CODES = [
  ...SURVEY_REFUSAL_CODES,
  ...EDIT_REFUSALS,
  'invalid_request',
  'invalid_lesson',
  'forbidden',
  'unknown_course',
  'unknown_lesson',
  'exists',
  'lesson_exists',
  'survey_invitation',
  'survey_invitation_audience',
  'broadcast_queue_missing',
  'media_unavailable',
] as const;

/** One of {@link REFUSAL_CODES}. */
export type RefusalCode = (typeof REFUSAL_CODES)[number];

/**
 * The admin API's answers before any service runs (sign-in, CSRF, too many wrong tokens),
 * worded under `admin_trust.errors.<code>` too.
 */
export const ACCESS_CODES = ['unauthorized', 'csrf', 'too_many_failures'] as const;

/** One of {@link ACCESS_CODES}. */
export type AccessCode = (typeof ACCESS_CODES)[number];
