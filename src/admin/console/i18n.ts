import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { resolveLocale } from '../../core/engine';
import { LOCALES, type Locale } from '../../core/message';
import type { TextParams } from '../../core/text';
import { LANG_COOKIE } from '../../http/bad-request';
import type { AppEnv } from '../../http/types';
import { translate } from '../../i18n';

export { LANG_COOKIE };

const isLocale = (value: string | undefined): value is Locale =>
  (LOCALES as readonly string[]).includes(value ?? '');

/**
 * The console language: `?lang=` (remembered in a cookie), else the cookie, else the
 * browser's Accept-Language; Chinese when nothing says otherwise.
 */
export function consoleLocale(c: Context<AppEnv>): Locale {
  const asked = c.req.query('lang');
  if (isLocale(asked)) {
    setCookie(c, LANG_COOKIE, asked, {
      path: '/admin',
      sameSite: 'Lax',
      maxAge: 365 * 24 * 60 * 60,
    });
    return asked;
  }
  const remembered = getCookie(c, LANG_COOKIE);
  if (isLocale(remembered)) return remembered;
  return resolveLocale({}, c.req.header('Accept-Language'));
}

const SHARED = /^(field_errors|surveyExport)\./;

/** The console's strings in one language (keys under `admin.` in locales/*). */
export type T = (key: string, params?: TextParams) => string;

/** Bind the console's strings to a language. */
export function consoleT(locale: Locale): T {
  // `trust.*` and `waves.*` live in their own top-level blocks (`admin_trust`, `admin_waves`),
  // `field_errors.*` (shared with the APIs) and `surveyExport.*` (shared with the export
  // scripts) are top-level as they are, the rest is under `admin.`.
  return (key, params) =>
    translate(
      locale,
      SHARED.test(key) ? key : /^(trust|waves)\./.test(key) ? `admin_${key}` : `admin.${key}`,
      params,
    );
}
