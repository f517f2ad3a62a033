import { describe, expect, it } from 'vitest';
import type { AnswerColumn } from './columns';
import { MISSING_CODES, missingCell, missingReasons } from './missing';
import type { SurveyDefinition } from './schema';

const text = (s: string) => ({ 'zh-CN': s, en: s });
const yesNo = (id: string, extra: object = {}) => ({
  id,
  type: 'yes_no' as const,
  required: false,
  text: text(id),
  ...extra,
});

/** a, b (only when a), c (only for a province in the profile), d. */
const survey = {
  id: 's',
  version: 1,
  title: text('s'),
  intro: text('s'),
  consent: text('s'),
  thanks: text('s'),
  questions: [
    yesNo('a'),
    yesNo('b', { showIf: { var: 'a', op: 'eq', value: true } }),
    yesNo('c', { showIf: { profile: 'province', op: 'eq', value: 'zhejiang' } }),
    yesNo('d'),
  ],
} as SurveyDefinition;

describe('missing-value reasons', () => {
  it('uses the documented codes', () => {
    expect(MISSING_CODES).toEqual({ skipped: -97, not_shown: -98, not_reached: -99 });
  });

  it('a completed response: null is skipped, absent is not shown', () => {
    const reasons = missingReasons(survey, { status: 'completed', answers: { a: null, d: true } });
    expect(reasons).toEqual({ a: 'skipped', b: 'not_shown', c: 'not_shown' });
  });

  it('a partial response: hidden on the way is not shown, from the stop on not reached', () => {
    // a=false hides b; c depends on the profile, unknown here: the person stopped there.
    expect(missingReasons(survey, { status: 'started', answers: { a: false } })).toEqual({
      b: 'not_shown',
      c: 'not_reached',
      d: 'not_reached',
    });
    // a=true shows b: the person stopped at b.
    expect(missingReasons(survey, { status: 'started', answers: { a: true } })).toEqual({
      b: 'not_reached',
      c: 'not_reached',
      d: 'not_reached',
    });
    // d was answered, so c (before it) was passed: not shown.
    expect(
      missingReasons(survey, { status: 'started', answers: { a: true, b: null, d: true } }),
    ).toEqual({ b: 'skipped', c: 'not_shown' });
  });

  it('a "please specify" never typed is not reached; "Other" not chosen stays empty', () => {
    const column: AnswerColumn = { name: 'q_other_text', question: 'q', kind: 'other' };
    const pending = { answers: { q: ['x', 'other'] }, other: {} };
    expect(missingCell(column, pending, {})).toBe(-99);
    expect(missingCell(column, { answers: { q: 'x' }, other: {} }, {})).toBeUndefined();
    expect(missingCell(column, { answers: {}, other: {} }, { q: 'not_shown' }, (r) => r)).toBe(
      'not_shown',
    );
  });
});
