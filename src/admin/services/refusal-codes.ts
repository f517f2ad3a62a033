import type { EditRefusal } from '../../broadcast/edit';
import { SURVEY_REFUSAL_CODES } from '../../surveys/io/registry';

const EDIT_REFUSALS = ['already_started', 'cancelled', 'busy'] as const satisfies readonly Exclude<
  EditRefusal,
  'not_found'
>[];

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
