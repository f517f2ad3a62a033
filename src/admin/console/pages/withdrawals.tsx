import type { Withdrawal } from '../../../surveys/io/withdrawals';
import { formatTime, type View } from '../view';

/** Withdrawn respondents with their times, to delete from downloads made earlier. */
export function Withdrawals({ view, list }: { view: View; list: readonly Withdrawal[] }) {
  const { t } = view;
  return (
    <section class="card" id="withdrawals" data-region>
      <h2>{t('trust.withdrawals.title', { count: list.length })}</h2>
      <p class="muted">{t('trust.withdrawals.hint')}</p>
      {list.length > 0 && (
        <div class="scroll">
          <table class="nowrap">
            <thead>
              <tr>
                <th>{t('trust.withdrawals.respondent')}</th>
                <th>{t('trust.withdrawals.version')}</th>
                <th>{t('trust.withdrawals.at')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((w) => (
                <tr>
                  <td>
                    <code>{w.respondent}</code>
                  </td>
                  <td>v{w.version}</td>
                  <td>
                    {w.at === undefined ? '—' : formatTime(view, new Date(w.at).toISOString())}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
