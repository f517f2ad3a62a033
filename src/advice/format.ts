import type { Locale } from '../core/message';

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const plain = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2, useGrouping: false });

/**
 * A number for people: grouped digits, at most two decimals.
 *
 * @example formatNumber(2300000) // "2,300,000"
 */
export function formatNumber(value: number): string {
  return grouped.format(value);
}

/**
 * An amount of RMB the way each language says it: `230万元` or `2.5亿元` in Chinese (plain
 * 元 below ten thousand), `RMB 2,300,000` in English.
 *
 * @example formatRmb(2300000, 'zh-CN') // "230万元"
 */
export function formatRmb(value: number, locale: Locale): string {
  if (locale === 'en') return `RMB ${formatNumber(value)}`;
  if (Math.abs(value) >= 1e8) return `${plain.format(value / 1e8)}亿元`;
  if (Math.abs(value) >= 1e4) return `${plain.format(value / 1e4)}万元`;
  return `${formatNumber(value)}元`;
}

/**
 * Text parameters for a locale: amounts (keys ending in `Rmb`) as money, other numbers
 * grouped; strings as they are.
 */
export function formatParams(
  params: Readonly<Record<string, unknown>>,
  locale: Locale,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === 'number')
      out[key] = key.endsWith('Rmb') ? formatRmb(value, locale) : formatNumber(value);
    else if (typeof value === 'string') out[key] = value;
  }
  return out;
}
