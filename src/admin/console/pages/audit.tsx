import type { AuditEntry } from '../../audit';
import { Layout } from '../layout';
import { formatTime, type View } from '../view';

/** `/admin/audit`: who did what, when, newest first (admins only). */
export function AuditPage({ view, entries }: { view: View; entries: readonly AuditEntry[] }) {
  const { t } = view;
  return (
    <Layout view={view} title={t('audit.title')}>
      <h1>{t('audit.title')}</h1>
      <section class="card scroll">
        {entries.length === 0 ? (
          <p class="muted">{t('audit.none')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>{t('audit.when')}</th>
                <th>{t('audit.who')}</th>
                <th>{t('audit.what')}</th>
                <th>{t('audit.target')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr>
                  <td>{formatTime(view, e.at)}</td>
                  <td>
                    {e.who} <span class="muted">({t(`via.${e.via}`)})</span>
                  </td>
                  <td>
                    <code>{e.action}</code> <span class="muted">{e.status}</span>
                  </td>
                  <td>{e.target ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </Layout>
  );
}
