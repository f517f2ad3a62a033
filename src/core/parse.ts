/**
 * Parsing what people type on a phone keyboard: full-width digits, thousands separators,
 * Chinese magnitude words and many ways of saying yes.
 */

/** Turn full-width digits and punctuation into ASCII and trim. */
export function normalizeInput(text: string): string {
  return text
    .replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .trim();
}

const MAGNITUDES: Record<string, number> = { 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8, k: 1e3, K: 1e3 };

/**
 * Parse a number the way sellers write it.
 *
 * @example parseNumber('1,200') // 1200
 * @example parseNumber('1000万') // 10000000
 * @example parseNumber('2.5亿') // 250000000
 */
export function parseNumber(text: string): number | undefined {
  const cleaned = normalizeInput(text)
    .replace(/[,，\s]/g, '')
    .replace(/(元|块|rmb|yuan|个|家|户|%)$/i, '');
  const match = /^(-?\d+(?:\.\d+)?)(万|萬|亿|億|k|K)?$/.exec(cleaned);
  if (!match) return undefined;
  const base = Number(match[1]);
  const factor = match[2] ? (MAGNITUDES[match[2]] ?? 1) : 1;
  const value = base * factor;
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
