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
  /** An imported XLSForm's problems also say where in the workbook. */
  sheet?: string;
  row?: number;
  column?: string;
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

function issues(error: z.ZodError, prefix: PropertyKey[] = []): SurveyProblem[] {
  return error.issues.map((issue) => ({
    path: pathOf([...prefix, ...issue.path]),
    message: issue.message,
  }));
}

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
        });
      else seen.set(id, i);
    }
    if (!question) return;
    const say = (field: string, message: string) =>
      problems.push({
        path: `questions[${i}]${field}`,
        message: `question "${question.id}": ${message}`,
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
function ownProblems(q: Question): string[] {
  const out: string[] = [];
  if ('min' in q && 'max' in q && q.min !== undefined && q.max !== undefined && q.min > q.max)
    out.push(`min (${q.min}) is more than max (${q.max})`);
  if (q.type === 'single_choice' || q.type === 'multiple_choice') {
    const codes = q.options.map((o) => o.code);
    const dupes = codes.filter((c, i) => codes.indexOf(c) !== i);
    if (dupes.length > 0) out.push(`option code "${dupes[0]}" is used twice`);
    if (q.other && codes.includes(OTHER_CODE))
      out.push(`"other: true" adds the code "${OTHER_CODE}"; rename the option with that code`);
  }
  if (q.type === 'multiple_choice') {
    const count = optionCodes(q).length;
    if (q.minSelected !== undefined && q.minSelected > count)
      out.push(`minSelected (${q.minSelected}) is more than the ${count} options`);
    if (q.minSelected !== undefined && q.maxSelected !== undefined && q.minSelected > q.maxSelected)
      out.push(`minSelected (${q.minSelected}) is more than maxSelected (${q.maxSelected})`);
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
): string[] {
  const out: string[] = [];
  for (const test of tests(condition)) {
    if (!('var' in test)) continue;
    const index = ids.indexOf(test.var);
    if (test.var === self) out.push(`show-if refers to the question itself`);
    else if (index < 0) out.push(`show-if refers to "${test.var}", which is not a question`);
    else if (index > at)
      out.push(`show-if refers to "${test.var}", which comes later (questions[${index}])`);
    else {
      const target = questions[index];
      if (target) out.push(...valueProblems(test, target));
    }
  }
  return out;
}

function valueProblems(test: Extract<Condition, { op: string }>, target: Question): string[] {
  const { op, value } = test;
  if (op === 'exists' || op === 'missing') return [];
  const name = `"${target.id}"`;
  if (value === undefined) return [`show-if on ${name} with "${op}" needs a value`];
  if (op === 'contains' && target.type !== 'multiple_choice')
    return [`"contains" only works on multiple-choice questions; ${name} is ${target.type}`];
  const numeric =
    target.type === 'integer' || target.type === 'decimal' || target.type === 'likert';
  if (['gt', 'gte', 'lt', 'lte'].includes(op) && !(numeric && typeof value === 'number'))
    return [`"${op}" compares numbers; ${name} is ${target.type}`];
  if (target.type === 'single_choice' || target.type === 'multiple_choice') {
    const codes = optionCodes(target);
    const given = Array.isArray(value) ? value : [value];
    const unknown = given.filter((v) => typeof v !== 'string' || !codes.includes(v));
    if (unknown.length > 0)
      return [`${name} has no option ${JSON.stringify(unknown[0])} (options: ${codes.join(', ')})`];
    if (target.type === 'multiple_choice' && (op === 'eq' || op === 'ne'))
      return [`use "contains" to test an option of the multiple-choice question ${name}`];
  }
  if (target.type === 'yes_no' && typeof value !== 'boolean')
    return [`${name} is yes/no: compare it with true or false`];
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
      });
    seen.add(column.name);
  }
  return problems;
}
