import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { translate } from '../../i18n';
import { importProblemText, importXlsForm } from '.';
import { convertXlsForm } from './convert';
import { parseRelevant } from './relevant';
import { readWorkbook } from './xlsx';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(`test/fixtures/xlsform/${name}.xlsx`));

describe('relevant expressions', () => {
  it('parses comparisons, selected(), and/or/not and brackets', () => {
    expect(parseRelevant("${a} = 'x'")).toEqual({ var: 'a', op: 'eq', value: 'x' });
    expect(parseRelevant('${n} >= 3')).toEqual({ var: 'n', op: 'gte', value: 3 });
    expect(parseRelevant('3 < ${n}')).toEqual({ var: 'n', op: 'gt', value: 3 });
    expect(parseRelevant("${a} != ''")).toEqual({ var: 'a', op: 'exists' });
    expect(parseRelevant("${a} = ''")).toEqual({ var: 'a', op: 'missing' });
    expect(parseRelevant('selected(${p}, \'jd\') or (not(${n} <= 10) and ${a} != "y")')).toEqual({
      any: [
        { var: 'p', op: 'contains', value: 'jd' },
        {
          all: [{ not: { var: 'n', op: 'lte', value: 10 } }, { var: 'a', op: 'ne', value: 'y' }],
        },
      ],
    });
  });

  it('refuses what our skip logic cannot express', () => {
    for (const bad of [
      "${a} = 'x' xor ${b} = 'y'",
      'count-selected(${p}) > 2',
      '${a} = ${b}',
      "(${a} = 'x'",
      "${a} = 'x')",
      'string-length(${t}) > 3',
      '',
    ])
      expect(() => parseRelevant(bad), bad).toThrow();
  });
});

describe('reading .xlsx written by openpyxl', () => {
  it('inline strings and a shared-string table read the same', async () => {
    const inline = await readWorkbook(fixture('good'));
    const shared = await readWorkbook(fixture('good-shared'));
    expect(inline).toBeInstanceOf(Map);
    expect(shared).toEqual(inline);
    const survey = (inline as Map<string, { cells: Map<string, string> }[]>).get('survey')!;
    expect(survey[1]!.cells.get('C')).toBe('您在网上卖货吗？');
  });

  it('a good form becomes a valid survey', async () => {
    for (const name of ['good', 'good-shared']) {
      const imported = await importXlsForm(fixture(name));
      expect(imported).toMatchObject({
        ok: true,
        survey: {
          id: 'market_good',
          version: 1,
          title: { 'zh-CN': '赶集问卷', en: 'Market survey' },
          questions: [
            {
              id: 'sells',
              type: 'single_choice',
              required: true,
              options: [
                { code: 'yes', label: { 'zh-CN': '是', en: 'Yes' } },
                { code: 'no', label: { 'zh-CN': '否', en: 'No' } },
              ],
            },
            { id: 'years', type: 'integer', required: false },
          ],
        },
      });
    }
  });

  it('every supported feature', async () => {
    const imported = await importXlsForm(fixture('full'));
    if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
    const { survey } = imported;
    expect(survey).toMatchObject({ id: 'market_full', version: 3 });
    expect(survey.intro).toEqual({ 'zh-CN': '欢迎参加。', en: 'Welcome.' });
    const byId = Object.fromEntries(survey.questions.map((q) => [(q as { id: string }).id, q]));
    const inShop = { var: 'sells', op: 'eq', value: 'yes' };
    expect(byId.platforms).toMatchObject({
      type: 'multiple_choice',
      other: true,
      maxSelected: 3,
      constraintMessage: { 'zh-CN': '最多选三个', en: 'Pick at most three' },
      showIf: inShop,
    });
    expect(byId.orders).toMatchObject({
      type: 'integer',
      required: true,
      min: 0,
      max: 100000,
      hint: { 'zh-CN': '大约', en: 'Roughly' },
    });
    expect(byId.price).toMatchObject({
      type: 'decimal',
      min: 0,
      showIf: { all: [inShop, { var: 'orders', op: 'gt', value: 0 }] },
    });
    expect(byId.why).toMatchObject({
      type: 'text',
      maxLength: 200,
      hint: { 'zh-CN': '接下来问运费。', en: 'Now shipping.' },
      showIf: {
        all: [
          inShop,
          {
            any: [
              { var: 'platforms', op: 'contains', value: 'jd' },
              {
                all: [
                  { not: { var: 'orders', op: 'gte', value: 10 } },
                  { var: 'price', op: 'exists' },
                ],
              },
            ],
          },
        ],
      },
    });
    expect(byId.started).toMatchObject({
      type: 'date',
      min: '2000-01-01',
      showIf: { var: 'sells', op: 'ne', value: 'no' },
    });
  });

  it('a bad form: every problem at once, with sheet, row and column', async () => {
    const imported = await importXlsForm(fixture('bad'));
    if (imported.ok) throw new Error('bad.xlsx was accepted');
    const where = imported.problems.map((p) => `${p.sheet}!${p.column}${p.row} ${p.key}`);
    expect(where.sort()).toEqual(
      [
        'survey!F1 unknownColumn',
        'survey!A2 unsupportedType',
        'survey!D3 missingTranslation',
        'survey!A3 missingList',
        'survey!E4 badRelevant',
        'survey!A5 unclosedGroup',
        'choices!B3 missingName',
        'settings!B2 badVersion',
        'settings!A2 missingSetting',
        'settings!A2 missingSetting',
      ].sort(),
    );
    const relevant = imported.problems.find((p) => p.key === 'badRelevant')!;
    for (const locale of ['zh-CN', 'en'] as const) {
      const text = importProblemText(relevant, locale, translate);
      expect(text).toBe(
        `survey!E4: ${translate(locale, 'surveyTools.import.badRelevant', relevant.params)}`,
      );
      expect(text).toContain('xor');
    }
  });

  it('a file that is not a workbook says so', async () => {
    expect(await importXlsForm(new TextEncoder().encode('type,name\ninteger,x\n'))).toEqual({
      ok: false,
      problems: [{ sheet: '', row: 0, column: '', key: 'not_zip' }],
    });
  });

  it('problems the survey validator finds point at the row, in both languages', async () => {
    const imported = await importXlsForm(fixture('invalid'));
    if (imported.ok) throw new Error('invalid.xlsx was accepted');
    const rows = imported.problems.map((p) => `${p.sheet}!${p.row} ${p.key}`);
    expect(rows).toContain('survey!2 invalid');
    expect(rows).toContain('survey!3 invalid');
    expect(imported.problems.every((p) => p.key === 'invalid')).toBe(true);
    const paths = imported.problems.map((p) => p.params?.path).sort();
    expect(paths).toEqual(['questions[0].options[0].code', 'questions[1].id']);
    for (const p of imported.problems) expect(p.params?.message).toBeTruthy();
  });
});

describe('validator problems of an import, in both languages', () => {
  it('are said from their keys', async () => {
    const imported = await importXlsForm(fixture('invalid'));
    if (imported.ok) throw new Error('invalid.xlsx was accepted');
    const code = imported.problems.find((p) => p.params?.path === 'questions[0].options[0].code')!;
    expect(importProblemText(code, 'zh-CN', translate)).toBe(
      `survey!B2: ${translate('zh-CN', 'surveyTools.validation.optionCodeFormat')}`,
    );
    expect(importProblemText(code, 'en', translate)).toBe(
      `survey!B2: ${translate('en', 'surveyTools.validation.optionCodeFormat')}`,
    );
  });
});

describe('allow_voice', () => {
  /** A workbook from rows of cells, each sheet's first row its header. */
  const book = (survey: string[][]) =>
    new Map(
      Object.entries({
        survey,
        settings: [
          ['form_id', 'version', 'form_title', 'consent'],
          ['voice_form', '1', 'Voice', 'OK?'],
        ],
      }).map(([name, rows]) => [
        name,
        rows.map((cells, i) => ({
          row: i + 1,
          cells: new Map(cells.map((v, c) => [String.fromCharCode(65 + c), v])),
        })),
      ]),
    );

  it('lets a text question take voice answers', () => {
    const converted = convertXlsForm(
      book([
        ['type', 'name', 'label', 'allow_voice'],
        ['text', 'story', 'Tell us', 'yes'],
        ['text', 'detail', 'More', 'no'],
      ]),
    );
    expect(converted.ok).toBe(true);
    if (!converted.ok) return;
    const questions = converted.survey.questions as { id: string; allowVoice?: boolean }[];
    expect(questions.map((q) => [q.id, q.allowVoice])).toEqual([
      ['story', true],
      ['detail', undefined],
    ]);
  });

  it('refuses a value that is not yes or no, and voice on a number, at their cells', () => {
    const converted = convertXlsForm(
      book([
        ['type', 'name', 'label', 'allow_voice'],
        ['text', 'story', 'Tell us', 'maybe'],
        ['integer', 'n', 'How many', 'yes'],
      ]),
    );
    expect(converted.ok).toBe(false);
    if (converted.ok) return;
    expect(converted.problems).toEqual([
      { sheet: 'survey', row: 2, column: 'D', key: 'badAllowVoice', params: { value: 'maybe' } },
      { sheet: 'survey', row: 3, column: 'D', key: 'voiceNotText', params: { type: 'integer' } },
    ]);
    for (const lang of ['zh-CN', 'en'] as const) {
      const [bad, notText] = converted.problems.map((p) => importProblemText(p, lang, translate));
      expect(bad).toMatch(/^survey!D2: .*allow_voice.*“maybe”/);
      expect(notText).toMatch(/^survey!D3: .*“integer”/);
    }
  });
});
