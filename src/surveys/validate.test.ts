import { describe, expect, it } from 'vitest';
import { content } from '../content';
import { validateSurvey } from './validate';

const text = (en: string) => ({ 'zh-CN': `中${en}`, en });

/** A valid survey to break one way at a time. */
function survey(questions: unknown[], extra: Record<string, unknown> = {}) {
  return {
    id: 'demo',
    version: 1,
    title: text('Demo'),
    intro: text('Intro'),
    consent: text('Consent'),
    thanks: text('Thanks'),
    questions,
    ...extra,
  };
}

const pick = {
  id: 'pick',
  type: 'single_choice',
  text: text('Pick'),
  options: [
    { code: 'a', label: text('A') },
    { code: 'b', label: text('B') },
  ],
};
const many = { ...pick, id: 'many', type: 'multiple_choice' };
const count = { id: 'count', type: 'integer', text: text('How many'), min: 0, max: 10 };

const problemsOf = (raw: unknown) => {
  const result = validateSurvey(raw);
  return result.ok ? [] : result.problems.map((p) => `${p.path}: ${p.message}`);
};

describe('validateSurvey', () => {
  it('accepts the content survey and a survey of every question type', () => {
    for (const s of content.surveys) expect(problemsOf(s)).toEqual([]);
    const all = [
      pick,
      many,
      count,
      { id: 'money', type: 'decimal', text: text('RMB') },
      { id: 'note', type: 'text', text: text('Note'), maxLength: 20 },
      { id: 'mood', type: 'likert', text: text('Mood'), low: text('low'), high: text('high') },
      { id: 'ok', type: 'yes_no', text: text('OK?') },
      { id: 'day', type: 'date', text: text('When'), min: '2020-01-01' },
    ];
    const result = validateSurvey(survey(all));
    expect(result.ok).toBe(true);
    if (result.ok)
      expect(result.survey.questions.map((q) => q.required)).toEqual(all.map(() => false));
  });

  it('reports every problem at once, each naming its question', () => {
    const problems = problemsOf(
      survey(
        [
          { ...count, showIf: { var: 'later', op: 'gt', value: 1 } },
          { ...pick, showIf: { var: 'nowhere', op: 'exists' } },
          { ...count, id: 'later', min: 5, max: 1 },
          { ...many, id: 'pick', type: 'multiple_choice' },
          { id: 'Bad Id', type: 'text', text: text('x') },
          { id: 'odd', type: 'rating', text: text('x') },
        ],
        { title: { en: 'Only English' } },
      ),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^title\.zh-CN: /),
        'questions[0].showIf: question "count": show-if refers to "later", which comes later (questions[2])',
        'questions[1].showIf: question "pick": show-if refers to "nowhere", which is not a question',
        'questions[2]: question "later": min (5) is more than max (1)',
        'questions[3].id: question "pick" is already used by questions[1]',
        expect.stringMatching(/^questions\[4\]\.id: question ids are/),
        expect.stringMatching(/^questions\[5\]\.type: /),
      ]),
    );
    expect(problems).toHaveLength(7);
  });

  it('checks show-if values against the question they test', () => {
    const problems = problemsOf(
      survey([
        pick,
        many,
        { id: 'ok', type: 'yes_no', text: text('OK?') },
        { ...count, id: 'c1', showIf: { var: 'pick', op: 'eq', value: 'z' } },
        { ...count, id: 'c2', showIf: { var: 'pick', op: 'contains', value: 'a' } },
        { ...count, id: 'c3', showIf: { var: 'many', op: 'eq', value: 'a' } },
        { ...count, id: 'c4', showIf: { var: 'ok', op: 'eq', value: 'yes' } },
        { ...count, id: 'c5', showIf: { var: 'pick', op: 'gt', value: 1 } },
        { ...count, id: 'c6', showIf: { var: 'c6', op: 'exists' } },
        {
          ...count,
          id: 'c7',
          showIf: {
            all: [
              { var: 'many', op: 'contains', value: 'b' },
              { var: 'ok', op: 'eq', value: true },
            ],
          },
        },
      ]),
    );
    expect(problems).toEqual([
      'questions[3].showIf: question "c1": "pick" has no option "z" (options: a, b)',
      'questions[4].showIf: question "c2": "contains" only works on multiple-choice questions; "pick" is single_choice',
      'questions[5].showIf: question "c3": use "contains" to test an option of the multiple-choice question "many"',
      'questions[6].showIf: question "c4": "ok" is yes/no: compare it with true or false',
      'questions[7].showIf: question "c5": "gt" compares numbers; "pick" is single_choice',
      'questions[8].showIf: question "c6": show-if refers to the question itself',
    ]);
  });

  it('keeps option codes and export columns unique', () => {
    expect(
      problemsOf(
        survey([
          { ...pick, options: [...pick.options, { code: 'a', label: text('again') }] },
          {
            ...pick,
            id: 'other_q',
            other: true,
            options: [...pick.options, { code: 'other', label: text('O') }],
          },
          {
            ...many,
            options: [
              { code: 'x', label: text('X') },
              { code: 'y', label: text('Y') },
            ],
          },
          { ...count, id: 'many_x' },
          { ...count, id: 'status' },
        ]),
      ),
    ).toEqual([
      'questions[0]: question "pick": option code "a" is used twice',
      'questions[1]: question "other_q": "other: true" adds the code "other"; rename the option with that code',
    ]);
    expect(
      problemsOf(
        survey([
          {
            ...many,
            options: [
              { code: 'x', label: text('X') },
              { code: 'y', label: text('Y') },
            ],
          },
          { ...count, id: 'many_x' },
          { ...count, id: 'status' },
        ]),
      ),
    ).toEqual([
      'questions[1]: question "many_x": its export column "many_x" is already taken; rename a question or option',
      'questions[2]: question "status": its export column "status" is reserved for the export; rename a question or option',
    ]);
  });

  it('refuses what is not a survey at all with a clear problem', () => {
    expect(problemsOf('nope')[0]).toMatch(/^: /);
    expect(problemsOf(survey([]))).toContain('questions: give at least one question');
    expect(problemsOf(survey([{ ...many, minSelected: 3 }]))).toEqual([
      'questions[0]: question "many": minSelected (3) is more than the 2 options',
    ]);
  });
});
