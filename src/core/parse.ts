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

/** Words around a number that change nothing: "about", units, "yuan". Longest first. */
const PREFIX = /^(大约|大概|差不多|将近|约|about|around|approx\.?|~|≈)?(rmb|cny|人民币|¥|￥)?/i;
const SUFFIX =
  /(元人民币|人民币|块钱|元|块|rmb|yuan|cny|个包裹|包裹|个|家|户|单|件|天|days?|公里|千米|km|parcels?|orders?|shops?|%)$/i;
/** Digits, then an optional 十/百/千 and 万/亿 (1.2千万), or a Latin magnitude (12m, 10w). */
const NUMBER =
  /^(-?\d+(?:\.\d+)?)(?:([十百千])?([万萬亿億])?|(k|w|m|mn|bn|thousand|million|billion))$/i;

/**
 * Parse a number the way sellers write it: Arabic digits with separators and magnitude
 * words, or a small Chinese numeral. Anything it cannot read for sure is undefined.
 *
 * @example parseNumber('1,200') // 1200
 * @example parseNumber('1000万') // 10000000
 * @example parseNumber('1.2千万') // 12000000
 * @example parseNumber('12m') // 12000000
 * @example parseNumber('八百') // 800
 */
export function parseNumber(text: string): number | undefined {
  const cleaned = normalizeInput(text)
    .replace(/[,，\s]/g, '')
    .replace(PREFIX, '')
    .replace(SUFFIX, '');
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
