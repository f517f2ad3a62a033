import type { Condition } from '../core/conditions';
import type { Translate } from '../core/text';
import type { Cell } from './csv';
import { OTHER_CODE, type Question, type SurveyDefinition } from './schema';

/** The codebook's columns. */
export const CODEBOOK_HEADER = [
  'variable',
  'question',
  'type',
  'required',
  'show_if',
  'code',
  'label_zh',
  'label_en',
  'min',
  'max',
  'notes',
] as const;

/** A show-if condition as a line a person can read: `livestream in ["weekly","sometimes"]`. */
export function conditionText(c: Condition): string {
  if ('all' in c) return c.all.map((x) => `(${conditionText(x)})`).join(' and ');
  if ('any' in c) return c.any.map((x) => `(${conditionText(x)})`).join(' or ');
  if ('not' in c) return `not (${conditionText(c.not)})`;
  const left = 'var' in c ? c.var : 'slice' in c ? `${c.slice}.${c.key}` : `profile.${c.profile}`;
  return c.value === undefined ? `${left} ${c.op}` : `${left} ${c.op} ${JSON.stringify(c.value)}`;
}

const META_ROWS: [string, string][] = [
  ['respondent', 'pseudonym: HMAC of channel and user id under a secret; stable per person'],
  ['status', 'completed, or partial (started, not finished)'],
  ['version', 'survey version answered'],
  ['channel', 'webchat, telegram or wechat (the survey mode)'],
  ['locale', 'language the person answered in (zh-CN or en)'],
  ['started_at', 'consent given, ISO 8601 UTC'],
  ['completed_at', 'last answer given, ISO 8601 UTC; empty when partial'],
];

function notes(q: Question): string {
  switch (q.type) {
    case 'multiple_choice':
      return 'codes picked, separated by spaces; one 0/1 column per option follows';
    case 'likert':
      return `1 to ${q.points}`;
    case 'date':
      return 'YYYY-MM-DD';
    case 'text':
      return `free text, at most ${q.maxLength} characters`;
    case 'yes_no':
      return 'yes or no';
    default:
      return '';
  }
}

/**
 * The codebook of a survey version: every column of the export with its question, type,
 * whether it was required, when it was shown, its codes and labels in both languages.
 */
export function codebookRows(survey: SurveyDefinition, t: Translate): Cell[][] {
  const rows: Cell[][] = META_ROWS.map(([name, note]) => [
    name,
    '',
    'meta',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    note,
  ]);
  for (const q of survey.questions) {
    const min = 'min' in q ? q.min : q.type === 'likert' ? 1 : undefined;
    const max = 'max' in q ? q.max : q.type === 'likert' ? q.points : undefined;
    const showIf = q.showIf ? conditionText(q.showIf) : '';
    const base = [q.id, q.id, q.type, q.required ? 'yes' : 'no', showIf];
    rows.push([...base, '', q.text['zh-CN'], q.text.en, min, max, notes(q)]);
    const code = (c: string, zh: string, en: string, note = '') =>
      rows.push([...base, c, zh, en, '', '', note]);
    if (q.type === 'single_choice' || q.type === 'multiple_choice') {
      for (const o of q.options) code(o.code, o.label['zh-CN'], o.label.en);
      if (q.other) code(OTHER_CODE, t('zh-CN', 'surveys.other'), t('en', 'surveys.other'));
    }
    if (q.type === 'yes_no') {
      code('yes', t('zh-CN', 'common.yes'), t('en', 'common.yes'));
      code('no', t('zh-CN', 'common.no'), t('en', 'common.no'));
    }
    if (q.type === 'likert') {
      code('1', q.low['zh-CN'], q.low.en);
      code(String(q.points), q.high['zh-CN'], q.high.en);
    }
    if (q.type === 'multiple_choice') {
      const codes = [...q.options.map((o) => o.code), ...(q.other ? [OTHER_CODE] : [])];
      for (const c of codes)
        rows.push([
          `${q.id}_${c}`,
          q.id,
          'option_flag',
          '',
          showIf,
          c,
          '',
          '',
          0,
          1,
          '1 picked, 0 not picked, empty not answered',
        ]);
    }
    if ((q.type === 'single_choice' || q.type === 'multiple_choice') && q.other)
      rows.push([
        `${q.id}_other_text`,
        q.id,
        'text',
        '',
        showIf,
        '',
        '',
        '',
        '',
        '',
        `what was typed for "${OTHER_CODE}"`,
      ]);
  }
  return rows;
}
