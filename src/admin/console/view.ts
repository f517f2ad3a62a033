import type { AdminToken } from '../../config';
import type { Locale } from '../../core/message';
import { formatZoned } from '../../time-zone';
import type { T } from './i18n';

/** What every console page renders with: language, strings, who, and per-response secrets. */
export interface View {
  locale: Locale;
  t: T;
  /** Absent on the login page. */
  actor?: AdminToken;
  /** The session's CSRF token, for hidden form fields. */
  csrf: string;
  /** This response's CSP nonce for the inline style and script. */
  nonce: string;
  /** The path shown, for the navigation and the language links. */
  path: string;
  /** The query string without `lang`, kept by the language links. */
  query: string;
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/** Format a count for the page's language (thousands separators). */
export function formatCount(view: Pick<View, 'locale'>, n: number): string {
  let format = numberFormats.get(view.locale);
  if (!format) {
    // Building an Intl formatter costs far more than using one: keep one per language.
    format = new Intl.NumberFormat(view.locale);
    numberFormats.set(view.locale, format);
  }
  return format.format(n);
}

/**
 * Format a time in the console's one time zone (time-zone.ts), naming it:
 * `2026-12-05 14:03 UTC+8 (Asia/Shanghai)`, the same digits in both languages, so a
 * researcher abroad never reads it as their own time. Every time on a page goes through here.
 */
export function formatTime(_view: Pick<View, 'locale'>, iso: string | number | undefined): string {
  if (iso === undefined) return '';
  const ms = new Date(iso).getTime();
  if (Number.isNaN(ms)) return String(iso);
  return formatZoned(ms);
}
