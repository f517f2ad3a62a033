import type { Value } from '../core/conditions';
import type { Question, SurveyDefinition } from './schema';

/**
 * Where voice answers live: one object per answer in the `MEDIA` bucket, keyed by the
 * survey, the respondent's pseudonym (never their user id) and the question, so a person's
 * media in a survey is one prefix (deleted on withdrawal and `/delete_me`).
 *
 * @example mediaKey('baseline', 'r3f0…', 'story', 'ogg') // 'survey/baseline/r3f0…/story.ogg'
 */
export function mediaKey(surveyId: string, pseudonym: string, questionId: string, ext: string) {
  return `${respondentMediaPrefix(surveyId, pseudonym)}${questionId}.${ext}`;
}

/** The prefix of every media object of one survey. */
export function surveyMediaPrefix(surveyId: string): string {
  return `survey/${surveyId}/`;
}

/** The prefix of one respondent's media in one survey. */
export function respondentMediaPrefix(surveyId: string, pseudonym: string): string {
  return `${surveyMediaPrefix(surveyId)}${pseudonym}/`;
}

/** Where a voice answer's transcript is kept, beside its audio. */
export function transcriptKey(key: string): string {
  return `${key.replace(/\.[a-z0-9]+$/, '')}.txt`;
}

/** The content type of a kept audio object, by its extension. */
export function mediaType(key: string): string {
  if (key.endsWith('.ogg')) return 'audio/ogg';
  if (key.endsWith('.amr')) return 'audio/amr';
  if (key.endsWith('.txt')) return 'text/plain; charset=utf-8';
  return 'application/octet-stream';
}

/**
 * Whether `key` is a well-formed media key of survey `surveyId` (no `..`, no other survey):
 * `survey/<id>/<pseudonym>/<question>.<ext>`.
 */
export function isSurveyMediaKey(surveyId: string, key: string): boolean {
  const match =
    /^survey\/([a-z][a-z0-9_]*)\/(r[0-9a-f]{32})\/([a-z][a-z0-9_]*)\.(ogg|amr|txt)$/.exec(key);
  return match?.[1] === surveyId;
}

/**
 * The answers entry that holds a voice answer's media key, beside the question's own answer
 * (the transcript, or the key when there is none). `#` is never part of a question id.
 */
export function mediaAnswerKey(questionId: string): string {
  return `${questionId}#media`;
}

/** The survey id of a response table name (`survey:<id>:<version>`). */
export function surveyOfTable(table: string): string | undefined {
  return /^survey:([a-z][a-z0-9_]*):\d+$/.exec(table)?.[1];
}

/** Whether a question takes voice answers. */
export function takesVoice(q: Question): boolean {
  return q.type === 'text' && q.allowVoice === true;
}

/** Where the admin API serves a survey's media (the export's links start so). */
export function mediaLinkBase(surveyId: string): string {
  return `/admin/api/surveys/${surveyId}/media/`;
}

/** The `<q>_media` export columns: one per question that takes voice answers. */
export function mediaHeader(survey: SurveyDefinition): string[] {
  return survey.questions.filter(takesVoice).map((q) => `${q.id}_media`);
}

/**
 * One respondent's `<q>_media` cells: a link to the admin media route (`linkBase` is
 * `/admin/api/surveys/<id>/media/`, absolute when the caller knows its origin), or empty.
 */
export function mediaCells(
  survey: SurveyDefinition,
  response: { answers: Readonly<Record<string, Value>> },
  linkBase: string,
): (string | undefined)[] {
  return survey.questions.filter(takesVoice).map((q) => {
    const key: Value | undefined = response.answers[mediaAnswerKey(q.id)];
    return typeof key === 'string' && isSurveyMediaKey(survey.id, key)
      ? `${linkBase}${encodeURIComponent(key)}`
      : undefined;
  });
}
