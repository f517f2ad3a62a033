import type { AdminToken } from '../../config';
import type { Locale } from '../../core/message';
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
const timeFormats = new Map<string, Intl.DateTimeFormat>();

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
 * Format an ISO time in the page's language, in China time (the users' time zone), saying
 * so ("UTC+8"): a researcher abroad must not read it as their own time.
 */
export function formatTime(view: Pick<View, 'locale'>, iso: string | number | undefined): string {
  if (iso === undefined) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  let format = timeFormats.get(view.locale);
  if (!format) {
    format = new Intl.DateTimeFormat(view.locale, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'Asia/Shanghai',
    });
    timeFormats.set(view.locale, format);
  }
  return `${format.format(date)} UTC+8`;
}
