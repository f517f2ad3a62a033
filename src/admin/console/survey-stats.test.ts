import { describe, expect, it } from 'vitest';
import type { SurveyDefinition } from '../../surveys/schema';
import { consoleT } from './i18n';
import { questionViews } from './survey-stats';
import type { SurveyStats } from './surveys-api';

const l = (en: string, zh = en) => ({ en, 'zh-CN': zh });

const definition = {
  id: 'baseline',
  version: 1,
  title: l('Baseline'),
  intro: l('i'),
  consent: l('c'),
  thanks: l('t'),
  questions: [
    {
      id: 'channel',
      type: 'single_choice',
      text: l('Where do you sell?', '在哪里卖？'),
      required: false,
      other: true,
      options: [
        { code: 'taobao', label: l('Taobao', '淘宝') },
        { code: 'pdd', label: l('Pinduoduo', '拼多多') },
      ],
    },
    { id: 'ok', type: 'yes_no', text: l('OK?'), required: false },
    {
      id: 'mood',
      type: 'likert',
      text: l('Mood'),
      required: false,
      points: 3,
      low: l('Bad'),
      high: l('Good'),
    },
    { id: 'years', type: 'integer', text: l('Years'), required: false },
    { id: 'why', type: 'text', text: l('Why?'), required: false, maxLength: 100 },
  ],
} as unknown as SurveyDefinition;

const zero = { invited: 0, started: 0, completed: 0, partial: 0, declined: 0, withdrawn: 0 };
const stats: SurveyStats = {
  id: 'baseline',
  version: 1,
  counts: zero,
  questions: [
    {
      id: 'channel',
      type: 'single_choice',
      answered: 4,
      skipped: 0,
      counts: { taobao: 2, pdd: 1, other: 1, legacy: 3 },
    },
    { id: 'ok', type: 'yes_no', answered: 2, skipped: 1, counts: { yes: 2, no: 0 } },
    {
      id: 'mood',
      type: 'likert',
      answered: 1,
      skipped: 0,
      counts: { 1: 0, 2: 0, 3: 1 },
      numeric: { n: 1, min: 3, median: 3, mean: 3, max: 3 },
    },
    {
      id: 'years',
      type: 'integer',
      answered: 2,
      skipped: 0,
      numeric: { n: 2, min: 1, median: 4, mean: 4, max: 7 },
    },
    {
      id: 'why',
      type: 'text',
      answered: 1,
      skipped: 0,
      latest: [{ respondent: 'r1', text: 'cheap shipping', at: 5 }],
    },
  ],
};

describe('survey statistics for the page', () => {
  it("labels counts with the survey's own words, in its order, in the page's language", () => {
    const views = questionViews(definition, stats, 'zh-CN', consoleT('zh-CN'));
    expect(views.map((v) => [v.id, v.text, v.typed])).toEqual([
      ['channel', '在哪里卖？', true],
      ['ok', 'OK?', false],
      ['mood', 'Mood', false],
      ['years', 'Years', false],
      ['why', 'Why?', true],
    ]);
    expect(views[0]?.bars).toEqual([
      { label: '淘宝', value: 2 },
      { label: '拼多多', value: 1 },
      { label: '其他', value: 1 },
      { label: 'legacy', value: 3 },
    ]);
    expect(views[1]?.bars).toEqual([
      { label: '是', value: 2 },
      { label: '否', value: 0 },
    ]);
    expect(views[2]?.bars?.map((b) => b.label)).toEqual(['1 · Bad', '2', '3 · Good']);
    expect(views[3]?.numeric).toMatchObject({ median: 4 });
    expect(views[4]?.latest).toEqual(['cheap shipping']);
  });

  it('draws bins when the statistics carry them, and copes without a definition', () => {
    const withBins = {
      ...stats,
      questions: [
        {
          ...stats.questions[3]!,
          histogram: [
            { from: 0, to: 5, count: 1 },
            { from: 5, to: 10, count: 1 },
          ],
        },
      ],
    };
    const [years] = questionViews(null, withBins, 'en', consoleT('en'));
    expect(years).toMatchObject({
      text: 'years',
      bins: [
        { from: 0, to: 5, count: 1 },
        { from: 5, to: 10, count: 1 },
      ],
    });
  });
});
