import { describe, expect, it } from 'vitest';
import { findOptions, parseAnswer, parseDate, type OfferedOption, type Parsed } from './answers';
import { questionSchema, type Question } from './schema';

const text = { 'zh-CN': '问', en: 'Q' };
const q = (raw: Record<string, unknown>): Question =>
  questionSchema.parse({ id: 'q', text, ...raw });
const options: OfferedOption[] = [
  { code: 'taobao', labels: ['淘宝', 'Taobao'] },
  { code: 'douyin', labels: ['抖音', 'Douyin'] },
  { code: 'other', labels: ['其他（请注明）', 'Other (please specify)'] },
];
const words = { yes: ['是', 'Yes'], no: ['否', 'No'] };
const read = (question: Question, input: { text?: string; choiceId?: string }): Parsed =>
  parseAnswer(question, input, options, words);
const value = (question: Question, typed: string) => {
  const parsed = read(question, { text: typed });
  return parsed.ok ? parsed.value : `!${parsed.error.reason}`;
};

const choice = {
  type: 'single_choice',
  options: [
    { code: 'a', label: text },
    { code: 'b', label: text },
  ],
};

describe('reading answers of every question type', () => {
  it('single choice: a button, a number, a code or a label in either language', () => {
    const single = q(choice);
    expect(read(single, { choiceId: 'douyin' })).toEqual({ ok: true, value: 'douyin' });
    expect(value(single, '２')).toBe('douyin');
    expect(value(single, 'TAOBAO')).toBe('taobao');
    expect(value(single, '抖音')).toBe('douyin');
    expect(value(single, '4')).toBe('!choice');
    expect(value(single, 'kuaishou')).toBe('!choice');
    expect(read(single, { choiceId: 'nope' })).toMatchObject({
      ok: false,
      error: { params: { max: 3 } },
    });
  });

  it('multiple choice: numbers or labels separated by commas, spaces or 、', () => {
    const multiple = q({ ...choice, type: 'multiple_choice' });
    expect(value(multiple, '1,3')).toEqual(['taobao', 'other']);
    expect(value(multiple, '1、2、1')).toEqual(['taobao', 'douyin']);
    expect(value(multiple, '抖音， 淘宝')).toEqual(['douyin', 'taobao']);
    expect(value(multiple, 'Other (please specify)')).toEqual(['other']);
    expect(value(multiple, '1,9')).toBe('!multiple');
    expect(findOptions(options, '  ')).toBeUndefined();
  });

  it('integer: separators, full width and Chinese numerals; whole numbers within range', () => {
    const integer = q({ type: 'integer', min: 0, max: 2000 });
    expect(value(integer, '1,200')).toBe(1200);
    expect(value(integer, '１２０')).toBe(120);
    expect(value(integer, '八百')).toBe(800);
    expect(value(integer, '3.5')).toBe('!integer');
    expect(value(integer, 'many')).toBe('!integer');
    expect(read(integer, { text: '-1' })).toEqual({
      ok: false,
      error: { reason: 'range', params: { min: 0, max: 2000, example: 1000 }, constraint: true },
    });
    expect(value(q({ type: 'integer', min: 5 }), '2')).toBe('!too_small');
    expect(value(q({ type: 'integer', max: 5 }), '9')).toBe('!too_large');
  });

  it('decimal: fractions are fine, with an example inside the range', () => {
    const decimal = q({ type: 'decimal', min: 0, max: 5 });
    expect(value(decimal, '2.75元')).toBe(2.75);
    expect(read(decimal, { text: 'cheap' })).toEqual({
      ok: false,
      error: { reason: 'decimal', params: { example: 2.5 } },
    });
  });

  it('text: trimmed, not empty, at most maxLength characters (Chinese counted by character)', () => {
    const short = q({ type: 'text', maxLength: 4 });
    expect(value(short, '  好的好的 ')).toBe('好的好的');
    expect(value(short, '   ')).toBe('!text_empty');
    expect(read(short, { text: '五个汉字啊' })).toMatchObject({
      ok: false,
      error: { reason: 'text_long', params: { length: 5, max: 4 }, constraint: true },
    });
    expect(value(short, '😀😀😀😀')).toEqual('😀😀😀😀');
  });

  it('Likert: a point from 1 to `points`, tapped or typed', () => {
    const likert = q({ type: 'likert', points: 7, low: text, high: text });
    expect(read(likert, { choiceId: '7' })).toEqual({ ok: true, value: 7 });
    expect(value(likert, '３')).toBe(3);
    expect(read(likert, { text: '8' })).toEqual({
      ok: false,
      error: { reason: 'likert', params: { points: 7, example: 4 } },
    });
  });

  it('yes/no: buttons, 1 or 2, the words in either language', () => {
    const yesNo = q({ type: 'yes_no' });
    expect(read(yesNo, { choiceId: 'no' })).toEqual({ ok: true, value: false });
    expect(value(yesNo, '1')).toBe(true);
    expect(value(yesNo, '是的')).toBe(true);
    expect(value(yesNo, 'No')).toBe(false);
    expect(value(yesNo, 'maybe')).toBe('!yes_no');
  });

  it('date: the ways people write dates, real dates only, within range', () => {
    expect(parseDate('2024-5-1')).toBe('2024-05-01');
    expect(parseDate('2024/05/01')).toBe('2024-05-01');
    expect(parseDate('２０２４年５月１日')).toBe('2024-05-01');
    expect(parseDate('2024.12.31')).toBe('2024-12-31');
    expect(parseDate('2024-02-30')).toBeUndefined();
    expect(parseDate('yesterday')).toBeUndefined();
    const date = q({ type: 'date', min: '2020-01-01', max: '2025-12-31' });
    expect(value(date, '2019-12-31')).toBe('!date_range');
    expect(read(date, { text: 'soon' })).toEqual({
      ok: false,
      error: { reason: 'date', params: { example: '2024-05-01' } },
    });
    const recent = q({ type: 'date', min: '2025-01-01' });
    expect(read(recent, { text: '2024-01-01' })).toMatchObject({
      error: { reason: 'date_early', params: { min: '2025-01-01', example: '2025-01-01' } },
    });
  });
});
