import type { SurveyProblem } from '../../surveys/validate';
import type { T } from './i18n';

const FIELD = /^([A-Za-z_]+)(?:\[(\d+)\])?$/;

/**
 * Where a problem is, in a researcher's words and language: `questions[0].options[1].code`
 * → "Question 1 · option 2 · code" (field names the definition uses stay as written).
 */
export function placeOf(path: string, t: T): string {
  if (path === '') return '';
  return path
    .split('.')
    .map((part) => {
      const m = FIELD.exec(part);
      if (!m) return part;
      const [, name = '', index] = m;
      if (index === undefined) return t(`trust.problems.fields.${name}`, { defaultValue: name });
      const n = Number(index) + 1;
      return t(`trust.problems.item.${name}`, { n, defaultValue: `${name} ${n}` });
    })
    .join(' · ');
}

/** What is wrong, in the reader's language when its kind is known, else as the validator said. */
export function wordsOf(problem: Pick<SurveyProblem, 'message' | 'code' | 'params'>, t: T): string {
  const { code, params = {} } = problem;
  if (!code) return problem.message;
  const origin = typeof params.origin === 'string' ? params.origin : '';
  const expected =
    typeof params.expected === 'string'
      ? t(`trust.problems.types.${params.expected}`, { defaultValue: params.expected })
      : '';
  const fallback = t(`trust.problems.codes.${code}`, {
    ...params,
    expected,
    defaultValue: problem.message,
  });
  return t(`trust.problems.codes.${code}_${origin}`, {
    ...params,
    expected,
    defaultValue: fallback,
  });
}
