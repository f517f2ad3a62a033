import { describe, expect, it } from 'vitest';
import en from '../../locales/en/translation.json' with { type: 'json' };
import zh from '../../locales/zh-CN/translation.json' with { type: 'json' };
import { translate } from '../i18n';
import { surveyProblemText, validateSurvey } from './validate';

const l = (s: string) => ({ 'zh-CN': s, en: s });
const base = { id: 'p', version: 1, title: l('t'), intro: l('i'), consent: l('c'), thanks: l('x') };

describe('survey problems in the researcher’s language', () => {
  it('every problem carries a key that both locales have', () => {
    const broken = validateSurvey({
      ...base,
      id: 'Bad Id',
      colour: 'red',
      questions: [
        { id: 'a', type: 'integer', text: l('a'), min: 5, max: 1 },
        {
          id: 'b',
          type: 'single_choice',
          text: l('b'),
          options: [
            { code: 'x', label: l('x') },
            { code: 'x', label: l('y') },
          ],
          showIf: { var: 'later', op: 'eq', value: 1 },
        },
        { id: 'c', type: 'geopoint', text: l('c') },
        { id: 'a', type: 'text' },
        { id: 'later', type: 'yes_no', text: l('l') },
      ],
    });
    if (broken.ok) throw new Error('accepted');
    const keys = broken.problems.map((p) => p.key);
    expect(keys).toEqual(
      expect.arrayContaining([
        'surveyIdFormat',
        'unknownKeys',
        'minAboveMax',
        'duplicateCode',
        'showIfLater',
        'unknownQuestionType',
        'duplicateQuestion',
        'required',
      ]),
    );
    const blocks = [en.surveyTools.validation, zh.surveyTools.validation] as Record<
      string,
      string
    >[];
    for (const p of broken.problems) {
      for (const block of blocks) expect(block[p.key!], p.key).toBeTruthy();
      const zhText = surveyProblemText(p, 'zh-CN', translate);
      expect(zhText).not.toBe(p.message);
      expect(zhText).not.toMatch(/surveyTools\./);
    }
    const min = broken.problems.find((p) => p.key === 'minAboveMax')!;
    expect(surveyProblemText(min, 'zh-CN', translate)).toBe(
      translate('zh-CN', 'surveyTools.validation.inQuestion', {
        id: 'a',
        text: translate('zh-CN', 'surveyTools.validation.minAboveMax', { min: 5, max: 1 }),
      }),
    );
  });

  it('both locales have the same validation and import keys', () => {
    for (const block of ['validation', 'import', 'analysis'] as const)
      expect(Object.keys(zh.surveyTools[block]).sort()).toEqual(
        Object.keys(en.surveyTools[block]).sort(),
      );
  });
});
