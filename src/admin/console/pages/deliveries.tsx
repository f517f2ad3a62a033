import type { SurveyDelivery } from '../../services/survey-results';
import { JobCounts, JobProgress } from '../job-charts';
import { describeAudience } from '../lists';
import { formatTime, type View } from '../view';

/**
 * A survey's invitations and reminders as they go out: what each was, who sent it, when,
 * to whom, and its delivery counters. A live region of the survey page.
 */
export function Deliveries({ view, list }: { view: View; list: readonly SurveyDelivery[] }) {
  const { t } = view;
  return (
    <section class="card" id="deliveries" data-region>
      <h2>{t('trust.deliveries.title')}</h2>
      {list.length === 0 ? (
        <p class="muted">{t('trust.deliveries.none')}</p>
      ) : (
        list.map((d) => (
          <div class="item">
            <div class="row">
              <h3 class="grow">{t(`trust.deliveries.${d.kind}`, { version: d.version })}</h3>
              <span class={`pill ${d.job.status}`}>{t(`status.${d.job.status}`)}</span>
            </div>
            <p class="muted">
              {t('trust.deliveries.by', { who: d.job.createdBy })} ·{' '}
              {describeAudience(d.job.audience, view.locale, t)} · {formatTime(view, d.at)}
            </p>
            <JobProgress view={view} counts={{ ...d.job.counts }} />
            <JobCounts view={view} counts={{ ...d.job.counts }} />
          </div>
        ))
      )}
    </section>
  );
}
