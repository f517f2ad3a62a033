import { describe, expect, it } from 'vitest';
import { conditionSchema, evaluate, referencedVars, type Condition } from './conditions';

const scope = {
  vars: { n: 5, s: 'a', list: ['x', 'y'], none: null },
  profile: { locale: 'en', consent: true },
};

describe('conditions', () => {
  it.each<[Condition, boolean]>([
    [{ var: 'n', op: 'eq', value: 5 }, true],
    [{ var: 'n', op: 'ne', value: 5 }, false],
    [{ var: 'n', op: 'gt', value: 4 }, true],
    [{ var: 'n', op: 'gte', value: 5 }, true],
    [{ var: 'n', op: 'lt', value: 5 }, false],
    [{ var: 'n', op: 'lte', value: 5 }, true],
    [{ var: 's', op: 'in', value: ['a', 'b'] }, true],
    [{ var: 'list', op: 'contains', value: 'y' }, true],
    [{ var: 'none', op: 'exists' }, false],
    [{ var: 'absent', op: 'missing' }, true],
    [{ var: 'absent', op: 'gt', value: 1 }, false],
    [{ var: 's', op: 'gt', value: 1 }, false],
    [{ profile: 'consent', op: 'eq', value: true }, true],
    [
      {
        all: [
          { var: 'n', op: 'gt', value: 1 },
          { profile: 'locale', op: 'eq', value: 'zh-CN' },
        ],
      },
      false,
    ],
    [
      {
        any: [
          { var: 'n', op: 'gt', value: 10 },
          { profile: 'locale', op: 'eq', value: 'en' },
        ],
      },
      true,
    ],
    [{ not: { var: 'n', op: 'eq', value: 5 } }, false],
  ])('%j -> %s', (condition, expected) => expect(evaluate(condition, scope)).toBe(expected));

  it('lists the variables a condition reads', () => {
    expect(
      referencedVars({
        all: [
          { var: 'a', op: 'exists' },
          {
            not: {
              any: [
                { var: 'b', op: 'exists' },
                { profile: 'locale', op: 'exists' },
              ],
            },
          },
        ],
      }),
    ).toEqual(['a', 'b']);
  });

  it('rejects strings of code and unknown operators', () => {
    expect(conditionSchema.safeParse('n > 3').success).toBe(false);
    expect(conditionSchema.safeParse({ var: 'n', op: 'matches', value: '.*' }).success).toBe(false);
    expect(conditionSchema.safeParse({ profile: 'password', op: 'exists' }).success).toBe(false);
  });
});
