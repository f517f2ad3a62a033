import type { Condition } from '../core/conditions';
import type { Locale } from '../core/message';
import type { Translate } from '../core/text';
import type { Cell } from './csv';
import { mediaHeader, takesVoice } from './media-keys';
import { MISSING_CODES, MISSING_REASONS, missingKey } from './missing';
import { PROFILE_COLUMNS } from './profile-columns';
import { layoutVariables, type WaveLayout } from './waves-layout';
import { OTHER_CODE, type Question, type QuestionType, type SurveyDefinition } from './schema';

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

/** A value label of a coded column: the code as exported and its label in both languages. */
export interface CodebookCode {
  code: string;
  label: Record<Locale, string>;
}

/**
 * One column of the export as the codebook describes it: the model the codebook CSV and the
 * Stata, SPSS and R scripts are all written from.
 */
export interface CodebookVariable {
  variable: string;
  /** The question it belongs to; empty for the respondent's columns. */
  question: string;
  type: QuestionType | 'meta' | 'option_flag' | 'text' | 'media';
  required: boolean | undefined;
  showIf: string;
  /** The question's text (a 0/1 option column: "question: option"); undefined for meta and "Other" text columns. */
  label: Record<Locale, string> | undefined;
  /** Codes with labels (choice, yes/no, likert end points). */
  codes: CodebookCode[];
  /** A multiple choice flag column: the option it flags. */
  flag?: CodebookCode;
  min: number | string | undefined;
  max: number | string | undefined;
  notes: string;
  /** Wide panel layout: the column's name without its `_w<n>` (see waves-layout.ts). */
  stem?: string;
  /** Wide panel layout: the wave the column belongs to. */
  wave?: number;
  /** An answer column: the missing-value codes apply (see `missing.ts`). */
  missing?: boolean;
}

/** The experiment columns' names, one per experiment, in the order given. */
export function armHeader(experiments: readonly string[]): string[] {
  return experiments.map((id) => `arm_${id}`);
}

/**
 * Every column of a survey version's export, in export order (see {@link codebookRows}):
 * the response's columns (answers, then voice links), laid out by wave in a panel; then,
 * once per person, the profile and one arm per experiment in `experiments`.
 */
export function codebookVariables(
  survey: SurveyDefinition,
  t: Translate,
  waves?: WaveLayout,
  experiments: readonly string[] = [],
): CodebookVariable[] {
  const both = (key: string): Record<Locale, string> => ({
    'zh-CN': t('zh-CN', key),
    en: t('en', key),
  });
  const vars: CodebookVariable[] = META_ROWS.map(([variable, note]) => ({
    variable,
    question: '',
    type: 'meta',
    required: undefined,
    showIf: '',
    label: undefined,
    codes: [],
    min: undefined,
    max: undefined,
    notes: note,
  }));
  for (const q of survey.questions) {
    const showIf = q.showIf ? conditionText(q.showIf) : '';
    const codes: CodebookCode[] = [];
    if (q.type === 'single_choice' || q.type === 'multiple_choice') {
      for (const o of q.options) codes.push({ code: o.code, label: o.label });
      if (q.other) codes.push({ code: OTHER_CODE, label: both('surveys.other') });
    }
    if (q.type === 'yes_no')
      codes.push(
        { code: 'yes', label: both('common.yes') },
        { code: 'no', label: both('common.no') },
      );
    if (q.type === 'likert')
      codes.push({ code: '1', label: q.low }, { code: String(q.points), label: q.high });
    vars.push({
      variable: q.id,
      question: q.id,
      type: q.type,
      required: q.required,
      showIf,
      label: q.text,
      codes,
      min: 'min' in q ? q.min : q.type === 'likert' ? 1 : undefined,
      max: 'max' in q ? q.max : q.type === 'likert' ? q.points : undefined,
      notes: notes(q),
      missing: true,
    });
    const column = (variable: string, type: 'option_flag' | 'text', note: string) => ({
      variable,
      question: q.id,
      type,
      required: undefined,
      showIf,
      label: undefined,
      codes: [],
      min: undefined,
      max: undefined,
      notes: note,
      missing: true,
    });
    if (q.type === 'multiple_choice')
      for (const c of codes)
        vars.push({
          ...column(
            `${q.id}_${c.code}`,
            'option_flag',
            '1 chosen, 0 not chosen; missing codes as the question',
          ),
          flag: c,
          label: {
            'zh-CN': `${q.text['zh-CN']}: ${c.label['zh-CN']}`,
            en: `${q.text.en}: ${c.label.en}`,
          },
          min: 0,
          max: 1,
        });
    if ((q.type === 'single_choice' || q.type === 'multiple_choice') && q.other)
      vars.push(
        column(
          `${q.id}_other_text`,
          'text',
          `what was typed for "${OTHER_CODE}"; empty when "${OTHER_CODE}" was not chosen`,
        ),
      );
  }
  const voice = survey.questions.filter(takesVoice);
  mediaHeader(survey).forEach((variable, i) => {
    const q = voice[i]!;
    vars.push({
      variable,
      question: q.id,
      type: 'media',
      required: undefined,
      showIf: q.showIf ? conditionText(q.showIf) : '',
      label: bothWith(t, 'surveyExport.media', (l) => ({ question: q.text[l] })),
      codes: [],
      min: undefined,
      max: undefined,
      notes: 'admin API link to the recording (researchers only); empty when the answer was typed',
    });
  });
  const arms = armHeader(experiments).map((variable, i) => ({
    variable,
    question: '',
    type: 'meta' as const,
    required: undefined,
    showIf: '',
    label: bothWith(t, 'surveyExport.arm', () => ({ experiment: experiments[i]! })),
    codes: [],
    min: undefined,
    max: undefined,
    notes: 'arm assigned in this experiment; empty for someone not in it',
  }));
  return [...layoutVariables(vars, waves), ...profileVariables(both), ...arms];
}

/** A label in both languages, with parameters per language. */
function bothWith(
  t: Translate,
  key: string,
  params: (l: Locale) => Record<string, string>,
): Record<Locale, string> {
  return { 'zh-CN': t('zh-CN', key, params('zh-CN')), en: t('en', key, params('en')) };
}

/** The profile columns after the questions (see `profile-columns.ts`). */
function profileVariables(both: (key: string) => Record<Locale, string>): CodebookVariable[] {
  return PROFILE_COLUMNS.map((variable) => ({
    variable,
    question: '',
    type: 'meta',
    required: undefined,
    showIf: '',
    label: both(`surveyExport.profile.${variable.replace('profile_', '')}`),
    codes: [],
    min: undefined,
    max: undefined,
    notes: 'from the profile, now; empty when the person did not consent to keep it',
  }));
}

/** The labels of a 0/1 option column's values, in both languages. */
export function flagCodes(t: Translate): CodebookCode[] {
  const both = (key: string) => ({ 'zh-CN': t('zh-CN', key), en: t('en', key) });
  return [
    { code: '0', label: both('surveyExport.option.not_chosen') },
    { code: '1', label: both('surveyExport.option.chosen') },
  ];
}

/** The missing-value codes with their labels in both languages (see `missing.ts`). */
export function missingCodes(t: Translate): CodebookCode[] {
  return MISSING_REASONS.map((reason) => ({
    code: String(MISSING_CODES[reason]),
    label: { 'zh-CN': t('zh-CN', missingKey(reason)), en: t('en', missingKey(reason)) },
  }));
}

/**
 * The codebook of a survey version: every column of the export with its question, type,
 * whether it was required, when it was shown, its codes and labels in both languages. A
 * 0/1 option column's row names its option (code) and reads "question: option", followed
 * by its values 0 (not chosen) and 1 (chosen); every answer column lists the
 * missing-value codes -97, -98, -99 last.
 */
export function codebookRows(
  survey: SurveyDefinition,
  t: Translate,
  waves?: WaveLayout,
  experiments: readonly string[] = [],
): Cell[][] {
  const rows: Cell[][] = [];
  const yesNo = (b: boolean | undefined) => (b === undefined ? '' : b ? 'yes' : 'no');
  const missing = missingCodes(t);
  for (const v of codebookVariables(survey, t, waves, experiments)) {
    const base = [v.variable, v.question, v.type, yesNo(v.required), v.showIf];
    const label = [v.label?.['zh-CN'] ?? '', v.label?.en ?? ''];
    rows.push([...base, v.flag?.code ?? '', ...label, v.min, v.max, v.notes]);
    const codes = [...(v.flag ? flagCodes(t) : v.codes), ...(v.missing ? missing : [])];
    for (const c of codes) {
      // A missing-value code is a number (as text, "-97" would read as a neutralised formula).
      const code = /^-\d+$/.test(c.code) ? Number(c.code) : c.code;
      rows.push([...base, code, c.label['zh-CN'], c.label.en, '', '', '']);
    }
  }
  return rows;
}
