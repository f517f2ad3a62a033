import { AUDIT_ACTIONS } from '../../audit';
import { auditActionLabel } from '../../audit-render';
import type { AuditLine } from '../../services/audit-trail';
import { translate } from '../../../i18n';
import { Layout } from '../layout';
import { Select } from './fields';
import { formatTime, type View } from '../view';

/** The audit page's filters as the URL gave them. */
export interface AuditFilters {
  who: string;
  action: string;
  from: string;
  to: string;
}

/** What the audit page shows: a page of sentences, or the filters' problems. */
export interface AuditPageProps {
  view: View;
  filters: AuditFilters;
  /** The people to pick from (the configured tokens' labels and Telegram trainers). */
  people: readonly string[];
  lines: readonly AuditLine[];
  /** The query string of the next (older) page, when there is one. */
  older?: string;
  /** Whether this is a later page (offer the way back to the newest). */
  paged: boolean;
  partial: boolean;
  errors: Record<string, string[]>;
}

const query = (filters: AuditFilters, more: Record<string, string> = {}) =>
  new URLSearchParams(
    Object.entries({ ...filters, ...more }).filter(([, v]) => v !== ''),
  ).toString();

/**
 * `/admin/audit`: who did what, newest first, as sentences in the reader's language with
 * China time; filters by person, action and days; older pages; the same entries as CSV.
 */
export function AuditPage(props: AuditPageProps) {
  const { view, filters, errors } = props;
  const w = (key: string, params?: Record<string, string>) =>
    translate(view.locale, `admin_audit.${key}`, params);
  const problem = (field: keyof AuditFilters | 'cursor') =>
    errors[field] ? <p class="field-error">{w(`errors.${field}`)}</p> : null;
  const actions = AUDIT_ACTIONS.map((id) => ({ id, label: auditActionLabel(id, view.locale) }));
  const csv = `/admin/api/audit?${query(filters, { format: 'csv', lang: view.locale })}`;
  return (
    <Layout view={view} title={w('title')}>
      <h1>{w('title')}</h1>
      <p class="muted">{w('intro')}</p>
      <form method="get" action="/admin/audit" class="card">
        <label for="who">{w('filter_who')}</label>
        <input id="who" name="who" list="audit-people" value={filters.who} />
        <datalist id="audit-people">
          {props.people.map((p) => (
            <option value={p} />
          ))}
        </datalist>
        {problem('who')}
        <label for="action">{w('filter_action')}</label>
        <Select name="action" value={filters.action} any={w('filter_any')} options={actions} />
        {problem('action')}
        <label for="from">{w('filter_from')}</label>
        <input id="from" name="from" type="date" value={filters.from} />
        {problem('from')}
        <label for="to">{w('filter_to')}</label>
        <input id="to" name="to" type="date" value={filters.to} />
        {problem('to')}
        {problem('cursor')}
        <p>
          <button type="submit">{w('filter_apply')}</button>{' '}
          <a href="/admin/audit">{w('filter_clear')}</a> · <a href={csv}>{w('csv')}</a>
        </p>
      </form>
      <section class="card scroll">
        {props.lines.length === 0 ? (
          <p class="muted">{w('none')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>{w('when')}</th>
                <th>{w('what')}</th>
              </tr>
            </thead>
            <tbody>
              {props.lines.map((line) => (
                <tr>
                  <td>{formatTime(view, line.at)}</td>
                  <td>{line.sentence}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {props.partial ? <p class="muted">{w('scanned')}</p> : null}
        <p>
          {props.paged ? <a href={`/admin/audit?${query(filters)}`}>{w('newest')}</a> : null}{' '}
          {props.older ? <a href={`/admin/audit?${props.older}`}>{w('older')}</a> : null}
        </p>
      </section>
    </Layout>
  );
}

/** The filters of a query (what is not a string reads as empty). */
export function auditFilters(raw: Record<string, string | undefined>): AuditFilters {
  const text = (key: string) => (raw[key] ?? '').trim();
  return { who: text('who'), action: text('action'), from: text('from'), to: text('to') };
}

/** The query string of the page after one ending at `next`. */
export function olderQuery(filters: AuditFilters, next: string | null): string | undefined {
  return next === null ? undefined : query(filters, { cursor: next });
}
