import { optionCodes, type SurveyDefinition } from './schema';

/** Columns every export starts with, one row per respondent. */
export const META_COLUMNS = [
  'respondent',
  'status',
  'version',
  'channel',
  'locale',
  'started_at',
  'completed_at',
] as const;

/** One column of a survey's answers in the export. */
export type AnswerColumn =
  /** The answer itself (a code, a number, a text, a date; multiple choice: codes joined by spaces). */
  | { name: string; question: string; kind: 'value' }
  /** Multiple choice: 1 when this option was picked, 0 when not, empty when unanswered. */
  | { name: string; question: string; kind: 'option'; code: string }
  /** The text typed for "Other, please specify". */
  | { name: string; question: string; kind: 'other' };

/**
 * The answer columns of a survey, in question order: `<id>`, then for multiple choice one
 * 0/1 column per option (`<id>_<code>`), then `<id>_other_text` (the "Other, please
 * specify" text) where "Other" is on.
 *
 * @example exportColumns(survey).map((c) => c.name) // ['category', 'category_other_text', 'platforms', 'platforms_taobao', ...]
 */
export function exportColumns(survey: SurveyDefinition): AnswerColumn[] {
  return survey.questions.flatMap((q): AnswerColumn[] => {
    const value: AnswerColumn = { name: q.id, question: q.id, kind: 'value' };
    if (q.type !== 'single_choice' && q.type !== 'multiple_choice') return [value];
    const options: AnswerColumn[] =
      q.type === 'multiple_choice'
        ? optionCodes(q).map((code) => ({
            name: `${q.id}_${code}`,
            question: q.id,
            kind: 'option' as const,
            code,
          }))
        : [];
    const other: AnswerColumn[] = q.other
      ? [{ name: `${q.id}_other_text`, question: q.id, kind: 'other' }]
      : [];
    return [value, ...options, ...other];
  });
}
