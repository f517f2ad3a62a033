/**
 * Parsing what people type on a phone keyboard: full-width digits, thousands separators,
 * Chinese magnitude words and many ways of saying yes.
 */
import { parseChineseNumeral } from './numerals';

/** Turn full-width digits and punctuation into ASCII and trim. */
export function normalizeInput(text: string): string {
  return text
    .replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .trim();
}

const MAGNITUDES: Record<string, number> = {
  十: 10,
  百: 100,
  千: 1e3,
  万: 1e4,
  萬: 1e4,
  亿: 1e8,
  億: 1e8,
  k: 1e3,
  thousand: 1e3,
  w: 1e4,
  m: 1e6,
  mn: 1e6,
  million: 1e6,
  bn: 1e9,
  billion: 1e9,
};

/** The characters of a Chinese numeral (parsed in numerals.ts). */
const NUMERALS = '零〇一二三四五六七八九十百千万萬亿億两';
const ENDS_IN_NUMBER = new RegExp(`[\\d${NUMERALS}]$`);

/** Words around a number that change nothing: "about", units, "yuan". Longest first. */
const PREFIX = /^(大约|大概|差不多|将近|约|about|around|approx\.?|~|≈)?(rmb|cny|人民币|¥|￥)?/i;
const SUFFIX =
  /(元人民币|人民币|块钱|元|块|rmb|yuan|cny|个包裹|包裹|个|家|户|单|件|天|days?|个月|months?|年|years?|公里|千米|km|parcels?|orders?|shops?|%)$/i;
/** "About" written after the number: 1000万左右, 20单上下; "-odd": 两百多, 20余. */
const APPROX_SUFFIX = /(左右|上下|or so|多|余)$/i;
/** Digits, then an optional 十/百/千 and 万/亿 (1.2千万), or a Latin magnitude (12m, 10w). */
const NUMBER =
  /^(-?\d+(?:\.\d+)?)(?:([十百千])?([万萬亿億])?|(k|w|m|mn|bn|thousand|million|billion))$/i;

/**
 * Words naming what the number is, typed before it ("运费12块", "每个月两百", "shipping 12"):
 * dropped. Not when they hold a numeral, a comparison or a negation ("一单68", "不到12",
 * "more than 5"), which change the number: those are asked again.
 */
const LEAD = new RegExp(`^([a-z][a-z\\s]*|[\\u3400-\\u9fff]+?)[:：]?\\s*(?=[\\d${NUMERALS}])`, 'i');
const CHANGES_THE_NUMBER = new RegExp(
  `[${NUMERALS}不没超过多少近余以]|than|over|under|less|more|not|least|most|upto`,
  'i',
);

function withoutLead(text: string): string {
  const lead = LEAD.exec(text);
  return lead && !CHANGES_THE_NUMBER.test(lead[1]!) ? text.slice(lead[0].length) : text;
}

/**
 * Parse a number the way sellers write it: Arabic digits with separators and magnitude
 * words, or a small Chinese numeral. Anything it cannot read for sure is undefined.
 *
 * @example parseNumber('1,200') // 1200
 * @example parseNumber('1000万') // 10000000
 * @example parseNumber('1.2千万') // 12000000
 * @example parseNumber('12m') // 12000000
 * @example parseNumber('八百') // 800
 * @example parseNumber('1000万左右') // 10000000
 * @example parseNumber('运费12块') // 12
 */
export function parseNumber(text: string): number | undefined {
  const cleaned = withoutLead(normalizeInput(text))
    .replace(/[,，\s]/g, '')
    .replace(PREFIX, '')
    .replace(APPROX_SUFFIX, '')
    .replace(SUFFIX, '')
    .replace(APPROX_SUFFIX, '');
  const percent = /^百分之(.+)$/.exec(cleaned);
  if (percent) return parseNumber(percent[1]!);
  const match = NUMBER.exec(cleaned);
  if (!match) return parseChineseNumeral(cleaned);
  const base = Number(match[1]);
  const magnitude = (word: string | undefined) =>
    word === undefined ? 1 : (MAGNITUDES[word.toLowerCase()] ?? 1);
  const value = base * magnitude(match[2]) * magnitude(match[3]) * magnitude(match[4]);
  // Avoid 1.1万 -> 11000.000000000002.
  return Number.isFinite(value) ? Math.round(value * 1e6) / 1e6 : undefined;
}

/** What a number measures, when a question asks for one kind (see {@link unitOf}). */
export const NUMBER_UNITS = ['money', 'days', 'distance'] as const;

/** See {@link NUMBER_UNITS}. */
export type NumberUnit = (typeof NUMBER_UNITS)[number];

/** The unit words a number may end with, by what they measure ("months" and "years" too). */
const UNIT_WORDS: [NumberUnit | 'months' | 'years', RegExp][] = [
  ['money', /(元人民币|人民币|块钱|元|块|rmb|yuan|cny)$/i],
  ['months', /(个月|months?)$/i],
  ['days', /(天|days?)$/i],
  ['years', /(年|years?)$/i],
  ['distance', /(公里|千米|km)$/i],
];

/**
 * What the word after a number says it measures (`三天` days, `12块` money, `6km` distance),
 * if it says; `¥8` is money. Only the word right after the number counts, so `一年1200万`
 * names no unit.
 *
 * @example unitOf('运费12块') // 'money'
 * @example unitOf('三天') // 'days'
 */
export function unitOf(text: string): NumberUnit | 'months' | 'years' | undefined {
  const typed = normalizeInput(text).replace(/\s/g, '').replace(APPROX_SUFFIX, '');
  if (/^(大约|大概|约)?[¥￥]/.test(typed)) return 'money';
  for (const [unit, word] of UNIT_WORDS) {
    const match = word.exec(typed);
    if (match && ENDS_IN_NUMBER.test(typed.slice(0, match.index))) return unit;
  }
  return undefined;
}

/** A number read from an answer; `range` when the person gave one and its middle was taken. */
export interface ReadNumber {
  value: number;
  range?: { low: number; high: number };
}

/** Between the two ends of a range: 20到30, 20至30, 20-30, 20~30. Never at the start (-3). */
const RANGE = /^(.*?[^\s到至~～\-—–])\s*(?:到|至|~|～|-|—|–|\s+to\s+)\s*(.+)$/i;
/** A magnitude at the end of the upper bound, carried to a bare lower bound (1-2万). */
const TRAILING_MAGNITUDE = /(?:[十百千]?[万萬亿億]|[十百千]|k|w|m)$/i;

/**
 * Read a number or a range of two numbers; for a range, its middle (the caller tells the
 * person which number was used). A bare lower bound takes the upper bound's magnitude:
 * `1-2万` is 10,000 to 20,000.
 *
 * @example readNumber('20到30单') // { value: 25, range: { low: 20, high: 30 } }
 * @example readNumber('1.2w') // { value: 12000 }
 */
export function readNumber(text: string): ReadNumber | undefined {
  const single = parseNumber(text);
  if (single !== undefined) return { value: single };
  const parts = RANGE.exec(normalizeInput(text));
  if (!parts) return undefined;
  const [, left = '', right = ''] = parts;
  const high = parseNumber(right);
  if (high === undefined) return undefined;
  const cleanRight = normalizeInput(right).replace(SUFFIX, '');
  const magnitude = TRAILING_MAGNITUDE.exec(cleanRight)?.[0];
  const bare = /^\d+(?:\.\d+)?$/.test(normalizeInput(left).replace(PREFIX, ''));
  const low =
    bare && magnitude
      ? parseNumber(`${normalizeInput(left).replace(PREFIX, '')}${magnitude}`)
      : parseNumber(left);
  if (low === undefined || low > high) return undefined;
  return { value: Math.round(((low + high) / 2) * 1e6) / 1e6, range: { low, high } };
}

const YES = new Set([
  'y',
  'yes',
  'yeah',
  'ok',
  'okay',
  'sure',
  '是',
  '是的',
  '好',
  '好的',
  '对',
  '同意',
  '可以',
  '嗯',
  '行',
  '要',
]);
const NO = new Set([
  'n',
  'no',
  'nope',
  'not',
  '否',
  '不',
  '不是',
  '不要',
  '不同意',
  '不用',
  '没有',
  '算了',
  '取消',
]);

/** Parse a yes/no answer; undefined when it is neither. */
export function parseYesNo(text: string): boolean | undefined {
  const key = normalizeInput(text)
    .toLowerCase()
    .replace(/[.!。！]+$/, '');
  if (YES.has(key)) return true;
  if (NO.has(key)) return false;
  return undefined;
}

/** Compare a typed text with a label: case, width and surrounding space do not matter. */
export function sameLabel(typed: string, label: string): boolean {
  return normalizeInput(typed).toLowerCase() === normalizeInput(label).toLowerCase();
}
