import type { Overview } from '../../overview';
import { BarChart } from '../charts';
import { Layout } from '../layout';
import { formatCount, formatTime, type View } from '../view';

/** Survey figures for the overview, when the surveys API answers. */
export interface SurveyTally {
  total: number;
  open: number;
}

function Stat({ view, value, label }: { view: View; value: number; label: string }) {
  return (
    <div class="stat">
      <b>{formatCount(view, value)}</b>
      <span>{label}</span>
    </div>
  );
}

const sorted = (record: Readonly<Record<string, number>>) =>
  Object.entries(record).sort((a, b) => b[1] - a[1]);

/** `/admin/overview`: users by channel and language, activity, checks, what is running. */
export function OverviewPage(props: { view: View; data: Overview; surveys?: SurveyTally }) {
  const { view, data, surveys } = props;
  const { t } = view;
  const { users } = data;
  return (
    <Layout view={view} title={t('overview.title')}>
      <h1>{t('overview.title')}</h1>
      <div class="stats">
        <Stat view={view} value={users.total} label={t('overview.users')} />
        <Stat view={view} value={users.active7} label={t('overview.active7')} />
        <Stat view={view} value={users.active30} label={t('overview.active30')} />
        <Stat view={view} value={users.consented} label={t('overview.consented')} />
        <Stat view={view} value={users.inactive} label={t('overview.inactive')} />
        <Stat view={view} value={data.turns} label={t('overview.turns')} />
      </div>
      <div class="grid">
        <section class="card">
          <h2>{t('overview.by_channel')}</h2>
          <BarChart
            view={view}
            label={t('overview.by_channel')}
            rows={sorted(users.byChannel).map(([k, v]) => ({
              label: t(`channels.${k}`),
              value: v,
            }))}
          />
        </section>
        <section class="card">
          <h2>{t('overview.by_language')}</h2>
          <BarChart
            view={view}
            label={t('overview.by_language')}
            rows={sorted(users.byLocale).map(([k, v]) => ({
              label: t(`languages.${k}`),
              value: v,
            }))}
          />
        </section>
        <section class="card">
          <h2>{t('overview.checks')}</h2>
          <BarChart
            view={view}
            label={t('overview.checks')}
            rows={data.checks.map((c) => ({
              label: t(`checks.${c.check}`),
              value: c.completed,
              note: t('overview.completed_of', { completed: c.completed, started: c.started }),
            }))}
          />
        </section>
        <section class="card">
          <h2>{t('overview.running')}</h2>
          <p>
            <a href="/admin/broadcasts">
              {t('overview.jobs_running', {
                running: data.jobs.running,
                scheduled: data.jobs.scheduled,
              })}
            </a>
          </p>
          <p>
            {surveys ? (
              <a href="/admin/surveys">
                {t('overview.surveys_open', { open: surveys.open, total: surveys.total })}
              </a>
            ) : (
              <span class="muted">{t('surveys.unavailable')}</span>
            )}
          </p>
        </section>
      </div>
      <p class="muted">
        {t('overview.as_of', { time: formatTime(view, data.generatedAt) })}{' '}
        {t('overview.active_note')}
        {users.truncated && ` ${t('overview.truncated')}`}
      </p>
    </Layout>
  );
}
