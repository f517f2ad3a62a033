import type { Child } from 'hono/jsx';
import { LOCALES } from '../../core/message';
import { CSRF_FIELD } from '../csrf';
import { mayPerform, type OperationId } from '../role-matrix';
import { LIVE_SCRIPT } from './live';
import { STYLE } from './style';
import type { View } from './view';

/** A console section and the operation of its page (the role matrix says who may open it). */
export const SECTIONS: readonly { href: string; key: string; operation: OperationId }[] = [
  { href: '/admin/overview', key: 'nav.overview', operation: 'overview' },
  { href: '/admin/surveys', key: 'nav.surveys', operation: 'listSurveys' },
  { href: '/admin/broadcasts', key: 'nav.broadcasts', operation: 'listBroadcasts' },
  { href: '/admin/courses', key: 'nav.courses', operation: 'listCourses' },
  { href: '/admin/questions', key: 'nav.questions', operation: 'listQuestions' },
  { href: '/admin/audit', key: 'nav.audit', operation: 'auditTrail' },
];

/** The hidden CSRF field every console form carries. */
export function Csrf({ view }: { view: View }) {
  return <input type="hidden" name={CSRF_FIELD} value={view.csrf} />;
}

function Header({ view }: { view: View }) {
  const { t, actor } = view;
  const langHref = (l: string) => `${view.path}?${view.query ? `${view.query}&` : ''}lang=${l}`;
  return (
    <header class="top">
      <a class="brand" href="/admin">
        {t('brand')}
      </a>
      {actor && (
        <nav aria-label={t('nav.label')}>
          {SECTIONS.filter((s) => mayPerform(actor.role, s.operation)).map((s) => (
            <a href={s.href} aria-current={view.path.startsWith(s.href) ? 'page' : undefined}>
              {t(s.key)}
            </a>
          ))}
        </nav>
      )}
      <div class="me">
        <span class="lang">
          {LOCALES.map((l) => (
            <a href={langHref(l)} lang={l} aria-current={l === view.locale ? 'true' : undefined}>
              {l === 'en' ? 'EN' : '中文'}
            </a>
          ))}
        </span>
        {actor && (
          <>
            <span title={t(`roles.${actor.role}`)}>{actor.label}</span>
            <form method="post" action="/admin/logout">
              <Csrf view={view} />
              <button type="submit">{t('logout')}</button>
            </form>
          </>
        )}
      </div>
    </header>
  );
}

/** Options of {@link Layout}. */
export interface LayoutProps {
  view: View;
  title: string;
  /** The page updates itself while something runs (a poll script; a meta refresh without JS). */
  live?: boolean;
  /** The page has a form: no meta refresh without JS (it would drop what was typed). */
  keepsInput?: boolean;
  children?: Child;
}

/** The page shell: head with inline style, header with navigation, main content. */
export function Layout({ view, title, live, keepsInput, children }: LayoutProps) {
  return (
    <html lang={view.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="same-origin" />
        <title>{`${title} · ${view.t('brand')}`}</title>
        <link rel="icon" href="data:," />
        <style nonce={view.nonce} dangerouslySetInnerHTML={{ __html: STYLE }} />
        {live && !keepsInput && (
          <noscript>
            <meta http-equiv="refresh" content="10" />
          </noscript>
        )}
      </head>
      <body>
        <Header view={view} />
        <main>{children}</main>
        {live && <script nonce={view.nonce} dangerouslySetInnerHTML={{ __html: LIVE_SCRIPT }} />}
      </body>
    </html>
  );
}
