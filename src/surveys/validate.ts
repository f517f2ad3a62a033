import type { Locale } from '../core/message';
import type { Translate } from '../core/text';
import type * as z from 'zod';
import type { Condition } from '../core/conditions';
import { exportColumns, META_COLUMNS } from './columns';
import {
  optionCodes,
  OTHER_CODE,
  questionSchema,
  surveyEnvelopeSchema,
  type Question,
  type SurveyDefinition,
} from './schema';

/** One problem with a survey definition: where (`questions[3].showIf`) and why. */
export interface SurveyProblem {
  path: string;
  message: string;
  /**
   * The problem as an i18n key under `surveyTools.validation` with its parameters, so the
   * console can say it in the researcher's language (`message` is English).
   */
  key?: string;
  /** What kind of zod problem it is (zod's issue code), for the console's own wording. */
  code?: string;
  params?: Record<string, string | number>;
  /** The question it is about, for "question …: " in front of the message. */
  question?: string;
  /** An imported XLSForm's problems also say where in the workbook. */
  sheet?: string;
  row?: number;
  column?: string;
}

/**
 * A problem in `locale`, from its key (`question "q": …` becomes `问题“q”：…`); its English
 * message when it has no key.
 */
export function surveyProblemText(p: SurveyProblem, locale: Locale, t: Translate): string {
  if (!p.key) return p.message;
  const text = t(locale, `surveyTools.validation.${p.key}`, p.params);
  return p.question === undefined
    ? text
    : t(locale, 'surveyTools.validation.inQuestion', { id: p.question, text });
}

/** The outcome of {@link validateSurvey}. */
export type SurveyValidation =
  { ok: true; survey: SurveyDefinition } | { ok: false; problems: SurveyProblem[] };

/** `['questions', 3, 'showIf']` → `questions[3].showIf`. */
function pathOf(parts: readonly PropertyKey[]): string {
  return parts.reduce<string>((acc, part) => {
    if (typeof part === 'number') return `${acc}[${part}]`;
    return acc === '' ? String(part) : `${acc}.${String(part)}`;
  }, '');
}

/** The figures of a zod issue the console's wording needs, beside the key's own. */
function withZodParams(
  issue: z.core.$ZodIssue,
  said: Pick<SurveyProblem, 'key' | 'params'>,
): Pick<SurveyProblem, 'key' | 'params'> {
  const list = (values: readonly unknown[]) => values.map((v) => String(v)).join(', ');
  const extra: Record<string, string | number> =
    issue.code === 'too_small'
      ? { limit: Number(issue.minimum), origin: issue.origin }
      : issue.code === 'too_big'
        ? { limit: Number(issue.maximum), origin: issue.origin }
        : issue.code === 'invalid_type'
          ? { expected: issue.expected }
          : issue.code === 'invalid_value'
            ? { values: list(issue.values) }
            : issue.code === 'unrecognized_keys'
              ? { keys: list(issue.keys) }
              : {};
  return { ...said, params: { ...extra, ...said.params } };
}

/** A zod issue as a key: which rule, by its code and the field it is about. */
function issueKey(issue: z.core.$ZodIssue): Pick<SurveyProblem, 'key' | 'params'> {
  const field = String(issue.path.at(-1) ?? '');
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? { key: 'required' }
        : { key: 'wrongType', params: { expected: issue.expected } };
    case 'too_small':
      return { key: 'tooSmall', params: { minimum: Number(issue.minimum) } };
    case 'too_big':
      return { key: 'tooBig', params: { maximum: Number(issue.maximum) } };
    case 'invalid_format':
      if (field === 'code') return { key: 'optionCodeFormat' };
      if (field === 'id')
        return { key: issue.path.length > 1 ? 'questionIdFormat' : 'surveyIdFormat' };
      return { key: issue.format === 'date' ? 'dateFormat' : 'datetimeFormat' };
    case 'unrecognized_keys':
      return { key: 'unknownKeys', params: { keys: issue.keys.join(', ') } };
    case 'invalid_union':
      return field === 'type' || issue.path.length === 0
        ? { key: 'unknownQuestionType' }
        : { key: 'other', params: { message: issue.message } };
    case 'invalid_value':
      return { key: 'invalidValue', params: { values: issue.values.map(String).join(', ') } };
    default:
      return { key: 'other', params: { message: issue.message } };
  }
}

function issues(error: z.ZodError, prefix: PropertyKey[] = []): SurveyProblem[] {
  return error.issues.map((issue) => ({
    path: pathOf([...prefix, ...issue.path]),
    message: issue.message,
    code: issue.code,
    ...withZodParams(issue, issueKey(issue)),
  }));
}

/** One of our own problems: English text, and the same as a key with parameters. */
type Said = { message: string; key: string; params?: Record<string, string | number> };
const said = (message: string, key: string, params?: Said['params']): Said => ({
  message,
  key,
  ...(params ? { params } : {}),
});

/**
 * Check a survey definition and report every problem at once: schema errors of the
 * envelope and of each question, duplicate ids and export columns, and show-if conditions
 * that refer to unknown or later questions or to options that do not exist. The content
 * build (YAML) and the admin API (JSON drafts) both use it.
 *
 * @example validateSurvey(JSON.parse(body)) // { ok: false, problems: [{ path: 'questions[2].showIf', message: '...' }] }
 */
export function validateSurvey(raw: unknown): SurveyValidation {
  const problems: SurveyProblem[] = [];
  const envelope = surveyEnvelopeSchema.safeParse(raw);
  if (!envelope.success) problems.push(...issues(envelope.error));
  const rawQuestions =
    typeof raw === 'object' &&
    raw !== null &&
    Array.isArray((raw as { questions?: unknown }).questions)
      ? (raw as { questions: unknown[] }).questions
      : [];
  const parsed: (Question | undefined)[] = rawQuestions.map((q, i) => {
    const result = questionSchema.safeParse(q);
    if (!result.success) problems.push(...issues(result.error, ['questions', i]));
    return result.success ? result.data : undefined;
  });
  // Ids of questions that failed to parse still count as known, so one mistake is reported once.
  const ids = rawQuestions.map(
    (q, i) =>
      parsed[i]?.id ??
      (typeof (q as { id?: unknown })?.id === 'string' ? (q as { id: string }).id : undefined),
  );
  problems.push(...checkQuestions(parsed, ids));
  if (problems.length > 0 || !envelope.success) return { ok: false, problems };
  const survey: SurveyDefinition = { ...envelope.data, questions: parsed as Question[] };
  problems.push(...checkColumns(survey));
  return problems.length > 0 ? { ok: false, problems } : { ok: true, survey };
}

function checkQuestions(
  questions: readonly (Question | undefined)[],
  ids: readonly (string | undefined)[],
): SurveyProblem[] {
  const problems: SurveyProblem[] = [];
  const seen = new Map<string, number>();
  questions.forEach((question, i) => {
    const id = ids[i];
    if (id !== undefined) {
      const first = seen.get(id);
      if (first !== undefined)
        problems.push({
          path: `questions[${i}].id`,
          message: `question "${id}" is already used by questions[${first}]`,
          key: 'duplicateQuestion',
          params: { id, first },
        });
      else seen.set(id, i);
    }
    if (!question) return;
    const say = (field: string, { message, key, params }: Said) =>
      problems.push({
        path: `questions[${i}]${field}`,
        message: `question "${question.id}": ${message}`,
        key,
        ...(params ? { params } : {}),
        question: question.id,
      });
    for (const message of ownProblems(question)) say('', message);
    if (question.showIf) {
      for (const message of conditionProblems(question.showIf, i, questions, ids, question.id))
        say('.showIf', message);
    }
  });
  return problems;
}

/** Problems within one question: ranges, duplicate codes, the reserved "other" code. */
function ownProblems(q: Question): Said[] {
  const out: Said[] = [];
  if ('min' in q && 'max' in q && q.min !== undefined && q.max !== undefined && q.min > q.max)
    out.push(
      said(`min (${q.min}) is more than max (${q.max})`, 'minAboveMax', {
        min: q.min,
        max: q.max,
      }),
    );
  if (q.type === 'single_choice' || q.type === 'multiple_choice') {
    const codes = q.options.map((o) => o.code);
    const dupes = codes.filter((c, i) => codes.indexOf(c) !== i);
    if (dupes.length > 0)
      out.push(
        said(`option code "${dupes[0]}" is used twice`, 'duplicateCode', { code: dupes[0]! }),
      );
    if (q.other && codes.includes(OTHER_CODE))
      out.push(
        said(
          `"other: true" adds the code "${OTHER_CODE}"; rename the option with that code`,
          'otherCodeTaken',
          { code: OTHER_CODE },
        ),
      );
  }
  if (q.type === 'multiple_choice') {
    const count = optionCodes(q).length;
    if (q.minSelected !== undefined && q.minSelected > count)
      out.push(
        said(
          `minSelected (${q.minSelected}) is more than the ${count} options`,
          'minSelectedAboveCount',
          {
            min: q.minSelected,
            count,
          },
        ),
      );
    if (q.minSelected !== undefined && q.maxSelected !== undefined && q.minSelected > q.maxSelected)
      out.push(
        said(
          `minSelected (${q.minSelected}) is more than maxSelected (${q.maxSelected})`,
          'minSelectedAboveMax',
          { min: q.minSelected, max: q.maxSelected },
        ),
      );
  }
  return out;
}

function tests(condition: Condition): Extract<Condition, { op: string }>[] {
  if ('all' in condition) return condition.all.flatMap(tests);
  if ('any' in condition) return condition.any.flatMap(tests);
  if ('not' in condition) return tests(condition.not);
  return [condition];
}

/** Show-if problems: references to unknown, later or the same question; impossible values. */
function conditionProblems(
  condition: Condition,
  at: number,
  questions: readonly (Question | undefined)[],
  ids: readonly (string | undefined)[],
  self: string,
): Said[] {
  const out: Said[] = [];
  for (const test of tests(condition)) {
    if (!('var' in test)) continue;
    const index = ids.indexOf(test.var);
    const ref = test.var;
    if (ref === self) out.push(said(`show-if refers to the question itself`, 'showIfSelf'));
    else if (index < 0)
      out.push(
        said(`show-if refers to "${ref}", which is not a question`, 'showIfUnknown', { ref }),
      );
    else if (index > at)
      out.push(
        said(`show-if refers to "${ref}", which comes later (questions[${index}])`, 'showIfLater', {
          ref,
          index,
        }),
      );
    else {
      const target = questions[index];
      if (target) out.push(...valueProblems(test, target));
    }
  }
  return out;
}

function valueProblems(test: Extract<Condition, { op: string }>, target: Question): Said[] {
  const { op, value } = test;
  if (op === 'exists' || op === 'missing') return [];
  const name = `"${target.id}"`;
  const ref = target.id;
  const type = target.type;
  if (value === undefined)
    return [said(`show-if on ${name} with "${op}" needs a value`, 'showIfNeedsValue', { ref, op })];
  if (op === 'contains' && target.type !== 'multiple_choice')
    return [
      said(
        `"contains" only works on multiple-choice questions; ${name} is ${target.type}`,
        'containsNeedsMultiple',
        { ref, type },
      ),
    ];
  const numeric =
    target.type === 'integer' || target.type === 'decimal' || target.type === 'likert';
  if (['gt', 'gte', 'lt', 'lte'].includes(op) && !(numeric && typeof value === 'number'))
    return [
      said(`"${op}" compares numbers; ${name} is ${target.type}`, 'compareNeedsNumber', {
        op,
        ref,
        type,
      }),
    ];
  if (target.type === 'single_choice' || target.type === 'multiple_choice') {
    const codes = optionCodes(target);
    const given = Array.isArray(value) ? value : [value];
    const unknown = given.filter((v) => typeof v !== 'string' || !codes.includes(v));
    if (unknown.length > 0)
      return [
        said(
          `${name} has no option ${JSON.stringify(unknown[0])} (options: ${codes.join(', ')})`,
          'noSuchOption',
          { ref, value: JSON.stringify(unknown[0]), codes: codes.join(', ') },
        ),
      ];
    if (target.type === 'multiple_choice' && (op === 'eq' || op === 'ne'))
      return [
        said(
          `use "contains" to test an option of the multiple-choice question ${name}`,
          'useContains',
          {
            ref,
          },
        ),
      ];
  }
  if (target.type === 'yes_no' && typeof value !== 'boolean')
    return [said(`${name} is yes/no: compare it with true or false`, 'yesNoBoolean', { ref })];
  return [];
}

/** Every export column must be unique (`<id>_<code>`, `<id>_other` can meet another id). */
function checkColumns(survey: SurveyDefinition): SurveyProblem[] {
  const reserved = new Set<string>(META_COLUMNS);
  const seen = new Set<string>();
  const problems: SurveyProblem[] = [];
  for (const column of exportColumns(survey)) {
    const taken = reserved.has(column.name)
      ? 'is reserved for the export'
      : seen.has(column.name)
        ? 'is already taken'
        : undefined;
    if (taken)
      problems.push({
        path: `questions[${survey.questions.findIndex((q) => q.id === column.question)}]`,
        message: `question "${column.question}": its export column "${column.name}" ${taken}; rename a question or option`,
        key: reserved.has(column.name) ? 'columnReserved' : 'columnTaken',
        params: { column: column.name },
        question: column.question,
      });
    seen.add(column.name);
  }
  return problems;
}
