import { content } from '../../../content';
import type { Locale } from '../../../core/message';
import { TIME_ZONE } from '../../../time-zone';
import type { Overview } from '../../overview';
import { BarChart } from '../charts';
import { DayBars } from '../day-bars';
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

/** A list item's label (provinces, categories) in the page's language; the id when unknown. */
function listLabel(list: string, id: string, locale: Locale): string {
  const label = content.lists[list]?.find((item) => item.id === id)?.label;
  if (label === undefined) return id;
  return typeof label === 'string' ? label : label[locale];
}

/** People by a profile field (province, category): the largest first. */
function ByField(props: {
  view: View;
  list: string;
  record: Record<string, number>;
  title: string;
}) {
  const { view, list, record, title } = props;
  const rows = sorted(record).map(([id, value]) => ({
    label: listLabel(list, id, view.locale),
    value,
  }));
  const given = rows.reduce((sum, r) => sum + r.value, 0);
  return (
    <section class="card">
      <h2>{title}</h2>
      {rows.length === 0 ? (
        <p class="muted">{view.t('overview.none_given')}</p>
      ) : (
        <BarChart view={view} label={title} rows={rows} />
      )}
      <p class="muted">{view.t('overview.given_by', { count: given })}</p>
    </section>
  );
}

/** The three trends of the last days: new people, active people, messages. */
function Trends(props: { view: View; data: Overview }) {
  const { view, data } = props;
  const { t } = view;
  const zone = t('overview.days_zone', { zone: `${TIME_ZONE.label} (${TIME_ZONE.id})` });
  const trends = [
    ['new', t('overview.trend_new')],
    ['active', t('overview.trend_active')],
    ['messages', t('overview.trend_messages')],
  ] as const;
  return (
    <section class="card">
      <h2>{t('overview.trends', { days: data.days.length })}</h2>
      <div class="grid">
        {trends.map(([field, title]) => {
          const total = data.days.reduce((sum, d) => sum + d[field], 0);
          return (
            <div>
              <h3>
                {title} <span class="muted">· {formatCount(view, total)}</span>
              </h3>
              <DayBars
                view={view}
                label={title}
                days={data.days.map((d) => ({ day: d.day, value: d[field] }))}
              />
            </div>
          );
        })}
      </div>
      <p class="muted">{zone}</p>
    </section>
  );
}

/** Survey and course totals. */
function Totals(props: { view: View; data: Overview }) {
  const { view, data } = props;
  const { t } = view;
  const { surveys, courses } = data.totals;
  return (
    <section class="card">
      <h2>{t('overview.totals')}</h2>
      <p>
        <a href="/admin/surveys">
          {t('overview.surveys_total', {
            total: surveys.total,
            open: surveys.byStatus.open ?? 0,
            closed: surveys.byStatus.closed ?? 0,
          })}
        </a>
        {' · '}
        {t('overview.surveys_responses', {
          completed: surveys.completed,
          invited: surveys.invited,
        })}
      </p>
      <p>
        <a href="/admin/courses">{t('overview.courses_total', { total: courses.total })}</a>
        {' · '}
        {t('overview.courses_people', {
          subscribers: courses.subscribers,
          started: courses.started,
          completed: courses.completed,
        })}
      </p>
    </section>
  );
}

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
      <Trends view={view} data={data} />
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
        <ByField
          view={view}
          list="provinces"
          record={users.byProvince}
          title={t('overview.by_province')}
        />
        <ByField
          view={view}
          list="categories"
          record={users.byCategory}
          title={t('overview.by_category')}
        />
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
        <Totals view={view} data={data} />
      </div>
      <p class="muted">
        {t('overview.as_of', { time: formatTime(view, data.generatedAt) })}{' '}
        {t('overview.active_note')}
        {users.truncated && ` ${t('overview.truncated')}`}
      </p>
    </Layout>
  );
}
