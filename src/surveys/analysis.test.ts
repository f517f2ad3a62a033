import { describe, expect, it } from 'vitest';
import { checkSpss, checkStata } from '../../test/support/script-grammar';
import { content } from '../content';
import { translate } from '../i18n';
import {
  analysisModel,
  rString,
  spssScript,
  stataScript,
  stataString,
  toolNames,
  truncateBytes,
} from './analysis';
import type { SurveyDefinition } from './schema';

const survey = content.surveys.find((s) => s.id === 'seller_baseline')!;

/** A survey whose labels hold every character the scripts must escape. */
const nasty: SurveyDefinition = {
  ...survey,
  questions: [
    {
      id: 'a_question_id_that_is_32_chars_x',
      type: 'single_choice',
      required: true,
      other: true,
      text: {
        'zh-CN': '说 "你好"\n第二行 `x\' $HOME \\ 它\'s',
        en: 'Say "hi"\nline 2 `x\' $HOME \\ it\'s "\'',
      },
      options: [
        { code: 'a', label: { 'zh-CN': '甲 \'quoted\' "dq"', en: "A 'quoted' \"dq\"'" } },
        { code: 'b', label: { 'zh-CN': '乙\t制表', en: 'B\ttab 😀' } },
      ],
    },
    {
      id: 'a_question_id_that_is_32_chars_y',
      type: 'multiple_choice',
      required: false,
      other: true,
      text: { 'zh-CN': '多选', en: 'Pick' },
      options: [
        { code: 'first_option_code_24chrs', label: { 'zh-CN': '一', en: 'One' } },
        { code: 'first_option_code_24chrz', label: { 'zh-CN': '二', en: 'Two' } },
      ],
    },
    {
      id: 'scale',
      type: 'likert',
      required: false,
      points: 5,
      text: { 'zh-CN': '量表', en: 'Scale' },
      low: { 'zh-CN': '很差', en: 'Poor' },
      high: { 'zh-CN': '很好', en: 'Good' },
    },
  ],
};

describe('analysis scripts: names and escaping', () => {
  it('maps columns to unique tool names within the length limits', () => {
    const columns = [
      'a_question_id_that_is_32_chars_y_first_option_code_24chrs',
      'a_question_id_that_is_32_chars_y_first_option_code_24chrz',
      'in',
      '1abc',
    ];
    const stata = toolNames(columns, 'stata');
    expect([...stata.values()]).toEqual([
      'a_question_id_that_is_32_chars_y',
      'a_question_id_that_is_32_chars_1',
      'in_',
      'v1abc',
    ]);
    const spss = toolNames(columns, 'spss');
    expect(spss.get(columns[0]!)).toBe(columns[0]);
    expect(spss.get('1abc')).toBe('v1abc');
  });

  it('escapes quotes, macro characters and line breaks', () => {
    expect(stataString('a "b"\n`c\' $d')).toBe('`"a "b" \\`c\' \\$d"\'');
    expect(stataString(`x "'y`)).toBe('`"x " \'y"\'');
    expect(rString('说 "q"\\\n😀')).toBe('"\\u{8bf4} \\"q\\"\\\\\\n\\U{1f600}"');
    expect(truncateBytes('你好吗', 7)).toBe('你好');
  });
});

describe('analysis scripts: Stata and SPSS grammar', () => {
  for (const lang of ['zh-CN', 'en'] as const) {
    for (const s of [survey, nasty]) {
      it(`${s === survey ? 'the baseline survey' : 'labels with every special character'} (${lang})`, () => {
        const model = analysisModel(s, lang, translate);
        const stata = stataScript(model, translate);
        expect(checkStata(stata)).toEqual([]);
        const spss = spssScript(model, translate);
        expect(checkSpss(spss)).toEqual([]);
      });
    }
  }

  it('the checkers catch malformed output', () => {
    const stata = stataScript(analysisModel(nasty, 'en', translate), translate);
    expect(checkStata(stata.replace(' ///\n', '\n'))).not.toEqual([]);
    expect(checkStata(stata.replace('\\$HOME', '$HOME'))).not.toEqual([]);
    expect(
      checkStata(stata.replace(/label values (\w+) \w+/, 'label values $1 nolabel')),
    ).not.toEqual([]);
    expect(checkStata(`${stata}rename v1 x\n`)).not.toEqual([]);
    const spss = spssScript(analysisModel(nasty, 'en', translate), translate);
    expect(checkSpss(spss.replace('EXECUTE.', 'EXECUTE'))).not.toEqual([]);
    expect(checkSpss(spss.replace("''quoted''", "'quoted'"))).not.toEqual([]);
    expect(checkSpss(spss.replace('VARIABLE LABELS\n  ', 'VARIABLE LABELS\n  /'))).not.toEqual([]);
    expect(checkSpss(spss.replace(/ A\d+\n/, ' B7\n'))).not.toEqual([]);
  });

  it('codes text columns as numbers in Stata and keeps the code order', () => {
    const stata = stataScript(analysisModel(survey, 'en', translate), translate);
    const q = survey.questions.find((x) => x.type === 'single_choice')!;
    if (q.type !== 'single_choice') throw new Error('no single choice');
    expect(stata).toContain(`replace _coded = 1 if ${q.id} == \`"${q.options[0]!.code}"'`);
    expect(stata).toContain(
      `label values ${q.id} ${q.id}\nlabel variable ${q.id} \`"${q.text.en}"'\n`,
    );
  });

  it('declares the missing-value codes: Stata .a/.b/.c, SPSS MISSING VALUES, both labelled', () => {
    const model = analysisModel(survey, 'en', translate);
    const stata = stataScript(model, translate);
    expect(stata).toContain('mvdecode years_selling, mv(-97=.a \\ -98=.b \\ -99=.c)');
    expect(stata).toContain('replace _coded = .c if category == `"-99"\'');
    expect(stata).toContain('    .a `"skipped"\' ///\n    .b `"not shown"\' ///');
    expect(stata).toContain(
      'replace difficulty_detail = "" if inlist(difficulty_detail, "-97", "-98", "-99")',
    );
    const spss = spssScript(model, translate);
    expect(spss).toMatch(/\nMISSING VALUES\n( {2}\w+\n)* {2}years_selling\n/);
    expect(spss).toContain("    ('-97', '-98', '-99').");
    expect(spss).toContain('    (-97, -98, -99)');
    expect(spss).toContain("    -98 'not shown'");
    expect(model.columns.find((c) => c.column === 'respondent')?.missing).toBe(false);
    expect(model.columns.find((c) => c.column === 'platforms_taobao')?.values).toEqual([
      { code: '0', label: 'not chosen' },
      { code: '1', label: 'chosen' },
    ]);
  });

  it('the checkers catch malformed missing-value commands', () => {
    const model = analysisModel(survey, 'en', translate);
    const stata = stataScript(model, translate);
    expect(checkStata(stata.replace('-99=.c)', '-99=c)'))).not.toEqual([]);
    expect(checkStata(stata.replace('inlist(difficulty_detail,', 'inlist(trained,'))).not.toEqual(
      [],
    );
    const spss = spssScript(model, translate);
    expect(checkSpss(spss.replace("('-97', '-98', '-99')", '(-97, -98, -99)'))).not.toEqual([]);
    expect(checkSpss(spss.replace('(-97, -98, -99)', '(-97, -98, -99, -96)'))).not.toEqual([]);
  });

  it('SPSS reads the one-line CSV (breaks=space) and says where to get it; the others the plain one', () => {
    const model = analysisModel(survey, 'en', translate);
    const file = `${survey.id}-v${survey.version}-oneline.csv`;
    const spss = spssScript(model, translate);
    expect(spss).toContain(`  /FILE='${file}'`);
    expect(spss).toContain('format=csv&breaks=space');
    expect(stataScript(model, translate)).toContain(model.csvFile);
    expect(stataScript(model, translate)).not.toContain('-oneline');
    expect(spssScript(analysisModel(survey, 'zh-CN', translate), translate)).toContain(
      'format=csv&breaks=space',
    );
  });
});
