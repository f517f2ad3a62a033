import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../test/support/csv';
import { seedRecords } from '../../../test/support/survey-records';
import { content } from '../../content';
import { translate } from '../../i18n';
import { createMemoryStore } from '../../store/memory';
import { responseTable } from '../response';
import { exportStream, type ExportFormat } from './export';

const survey = content.surveys.find((s) => s.id === 'seller_baseline')!;
const TABLE = responseTable(survey.id, survey.version);
const at = Date.UTC(2026, 2, 1, 8, 30);

/** The stream as text, keeping the byte-order mark (Response.text() would drop it). */
async function read(stream: ReadableStream<Uint8Array>): Promise<string> {
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return (bom ? '\uFEFF' : '') + new TextDecoder().decode(bom ? bytes.slice(3) : bytes);
}

const tricky = {
  status: 'completed',
  locale: 'zh-CN',
  channel: 'wechat',
  startedAt: at,
  completedAt: at + 90_000,
  answers: {
    category: 'other',
    platforms: ['taobao', 'other'],
    years_selling: 0,
    monthly_orders: 1200,
    order_value_rmb: -3.5,
    shipping_cost_rmb: null,
    livestream: 'never',
    main_difficulty: 'price_war',
    difficulty_detail: '价格战，"太激烈"\n第二行, 还有逗号',
    trained: true,
    last_training: '2025-11-02',
    outlook: 2,
  },
  other: { category: '=SUM(A1:A9)', platforms: '@小红书, +闲鱼' },
};
const partial = {
  status: 'started',
  locale: 'en',
  channel: 'telegram',
  startedAt: at,
  answers: { category: 'furniture', platforms: ['douyin'], years_selling: 12 },
  other: {},
};

async function exported(format: ExportFormat, labels?: 'zh-CN' | 'en', oneLine = false) {
  const store = createMemoryStore();
  await seedRecords(store, TABLE, {
    rA: tricky,
    rB: partial,
    rC: { status: 'declined', at },
    rD: { status: 'withdrawn', at },
  });
  const options = { t: translate, ...(labels ? { labels } : {}), ...(oneLine ? { oneLine } : {}) };
  return read(exportStream(store, survey, format, options));
}

/** The export as rows of named cells. */
function table(text: string): Record<string, string>[] {
  expect(text.startsWith('\uFEFF')).toBe(true);
  const [header, ...rows] = parseCsv(text.slice(1));
  return rows.map((row) => Object.fromEntries(header!.map((name, i) => [name, row[i]!])));
}

describe('survey export', () => {
  it('for SPSS, a line break inside an answer is written " / ", so each row is one line', async () => {
    const text = await exported('csv', undefined, true);
    // Header and two respondents: three lines, each one row.
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(3);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const [a] = table(text);
    expect(a!.difficulty_detail).toBe('价格战，"太激烈" / 第二行, 还有逗号');
    // Without it, the break is kept inside the quoted cell.
    expect(table(await exported('csv'))[0]!.difficulty_detail).toBe(
      tricky.answers.difficulty_detail,
    );
  });

  it('CSV with codes: one row per respondent, checked cell by cell', async () => {
    const rows = table(await exported('csv'));
    expect(rows.map((r) => r.respondent)).toEqual(['rA', 'rB']);
    const [a, b] = rows as [Record<string, string>, Record<string, string>];
    expect(a).toMatchObject({
      status: 'completed',
      version: '1',
      channel: 'wechat',
      locale: 'zh-CN',
      started_at: '2026-03-01T08:30:00.000Z',
      completed_at: '2026-03-01T08:31:30.000Z',
      category: 'other',
      category_other_text: "'=SUM(A1:A9)",
      platforms: 'taobao other',
      platforms_taobao: '1',
      platforms_douyin: '0',
      platforms_other: '1',
      platforms_other_text: "'@小红书, +闲鱼",
      years_selling: '0',
      order_value_rmb: '-3.5',
      shipping_cost_rmb: '-97', // skipped
      livestream_share_pct: '-98', // not shown (livestream: never)
      difficulty_detail: '价格战，"太激烈"\n第二行, 还有逗号',
      trained: 'yes',
      last_training: '2025-11-02',
      outlook: '2',
    });
    expect(b).toMatchObject({
      status: 'partial',
      completed_at: '',
      platforms_taobao: '0',
      platforms_douyin: '1',
      platforms_other_text: '', // "Other" not chosen: no code
      monthly_orders: '-99', // stopped here: not reached
      livestream: '-99',
      outlook: '-99',
    });
    // 7 respondent columns, 13 questions, 7 option flags, 3 "Other" texts, 2 profile columns.
    expect(Object.keys(a)).toHaveLength(7 + 13 + 7 + 3 + 2);
  });

  it('CSV with labels in a language: choices, yes/no and multiple choice as words', async () => {
    const [zh] = table(await exported('csv', 'zh-CN'));
    expect(zh).toMatchObject({
      category: '其他（请注明）',
      platforms: '淘宝或天猫; 其他（请注明）',
      platforms_taobao: '1',
      main_difficulty: '同样的货卖的人多、价格战',
      trained: '是',
      outlook: '2',
    });
    const [en] = table(await exported('csv', 'en'));
    expect(en).toMatchObject({ livestream: 'Never', trained: 'Yes' });
  });

  it('JSON Lines: one respondent a line, answers as codes, skipped as null', async () => {
    const lines = (await exported('jsonl'))
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      respondent: 'rA',
      status: 'completed',
      survey: 'seller_baseline',
      answers: { shipping_cost_rmb: null, platforms: ['taobao', 'other'] },
      other: { category: '=SUM(A1:A9)' },
    });
  });

  it('codebook: every column with its type, condition, codes and labels in both languages', async () => {
    const rows = table(await exported('codebook'));
    const row = (variable: string, code = '') =>
      rows.find((r) => r.variable === variable && r.code === code);
    expect(row('livestream_share_pct')).toMatchObject({
      type: 'integer',
      required: 'no',
      show_if: 'livestream in ["weekly","sometimes"]',
      min: '0',
      max: '100',
    });
    expect(row('livestream', 'weekly')).toMatchObject({
      label_zh: '经常，每周都播',
      label_en: 'Yes, every week',
    });
    expect(row('platforms_douyin', 'douyin')).toMatchObject({
      type: 'option_flag',
      min: '0',
      max: '1',
    });
    expect(row('category', 'other')).toMatchObject({ label_en: 'Other (please specify)' });
    expect(row('outlook', '5')).toMatchObject({ label_zh: '很有信心' });
    expect(row('respondent')?.type).toBe('meta');
  });

  it('missing answers: reasons in words with labels, in JSON Lines, and in the codebook', async () => {
    const [, zhB] = table(await exported('csv', 'zh-CN'));
    expect(zhB).toMatchObject({ monthly_orders: '未答到', platforms_other_text: '' });
    const [enA] = table(await exported('csv', 'en'));
    expect(enA).toMatchObject({ shipping_cost_rmb: 'skipped', livestream_share_pct: 'not shown' });
    const lines = (await exported('jsonl'))
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]?.missing).toEqual({
      shipping_cost_rmb: 'skipped',
      livestream_share_pct: 'not_shown',
    });
    expect(lines[1]?.missing).toMatchObject({
      monthly_orders: 'not_reached',
      outlook: 'not_reached',
    });
    const rows = table(await exported('codebook'));
    const row = (variable: string, code = '') =>
      rows.find((r) => r.variable === variable && r.code === code);
    for (const variable of ['years_selling', 'platforms_taobao', 'category_other_text']) {
      expect(row(variable, '-97')).toMatchObject({ label_en: 'skipped', label_zh: '跳过' });
      expect(row(variable, '-98')).toMatchObject({ label_en: 'not shown' });
      expect(row(variable, '-99')).toMatchObject({ label_en: 'not reached' });
    }
    expect(row('respondent', '-97')).toBeUndefined();
  });

  it('codebook: a 0/1 option column reads "question: option", 0 not chosen, 1 chosen', async () => {
    const rows = table(await exported('codebook'));
    const platforms = survey.questions.find((q) => q.id === 'platforms')!;
    if (platforms.type !== 'multiple_choice') throw new Error('platforms is multiple choice');
    const douyin = platforms.options.find((o) => o.code === 'douyin')!;
    const flag = rows.filter((r) => r.variable === 'platforms_douyin');
    expect(flag.map((r) => r.code)).toEqual(['douyin', '0', '1', '-97', '-98', '-99']);
    expect(flag[0]).toMatchObject({
      label_en: `${platforms.text.en}: ${douyin.label.en}`,
      label_zh: `${platforms.text['zh-CN']}: ${douyin.label['zh-CN']}`,
    });
    expect(flag[1]).toMatchObject({ label_en: 'not chosen', label_zh: '未选' });
    expect(flag[2]).toMatchObject({ label_en: 'chosen', label_zh: '已选' });
    // "Other": the flag keeps its name, the typed text has its own column.
    expect(rows.some((r) => r.variable === 'platforms_other' && r.type === 'option_flag')).toBe(
      true,
    );
    expect(row2(rows, 'platforms_other_text')).toMatchObject({ type: 'text' });
  });
});

function row2(rows: Record<string, string>[], variable: string) {
  return rows.find((r) => r.variable === variable && r.code === '');
}
