import type * as z from 'zod';
import type { jobStatusSchema } from '../../operations';
import { JobCounts, JobProgress } from '../job-charts';
import { Csrf, Layout } from '../layout';
import { Confirm, type ConfirmProps } from './confirm';
import { describeAudience } from '../lists';
import { markupParts } from '../markup';
import { formatTime, type View } from '../view';
import { ChannelCountsTable, creatorText, jobTitle } from './job-naming';

/** A job as the API answers it. */
export type JobView = z.infer<typeof jobStatusSchema>;

const LIVE_STATES = new Set(['running', 'scheduled']);

/** A message as it will look in chat: **bold** and links rendered, everything escaped. */
export function ChatText({ text }: { text: string }) {
  return (
    <>
      {markupParts(text).map((part) =>
        part.kind === 'bold' ? (
          <b>{part.text}</b>
        ) : part.kind === 'link' ? (
          <a href={part.href} rel="noopener noreferrer" target="_blank">
            {part.text}
          </a>
        ) : (
          part.text
        ),
      )}
    </>
  );
}

function statusLabels(view: View): string {
  const states = ['scheduled', 'running', 'done', 'cancelled'];
  const labels = Object.fromEntries(states.map((s) => [s, view.t(`status.${s}`)]));
  return JSON.stringify({ ...labels, stopping: view.t('trust.stopping') });
}

/** The first line of the job's message in the reader's language (else the other), as text. */
function excerpt(job: JobView, view: View): string {
  const text =
    job.firstLine?.[view.locale] ||
    job.messages[view.locale] ||
    Object.values(job.messages)[0] ||
    '';
  const plain = markupParts(text)
    .map((p) => p.text)
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > 120 ? `${plain.slice(0, 119)}…` : plain;
}

/** Cancelled, but people are still queued: the consumer has yet to count them. */
const stopping = (job: JobView) => job.status === 'cancelled' && job.counts.pending > 0;

/**
 * One job: status, audience, progress bar and counters; refreshed in place by the live
 * script while it runs (`data-poll`), with a cancel button until it ends.
 */
export function JobCard({ view, job, detail }: { view: View; job: JobView; detail?: boolean }) {
  const { t } = view;
  const live = LIVE_STATES.has(job.status) || stopping(job);
  const title = jobTitle(view, job);
  return (
    <div
      class="item"
      data-kind="job"
      data-poll={`/admin/api/broadcasts/${encodeURIComponent(job.id)}`}
      data-live={live ? '1' : '0'}
      data-labels={statusLabels(view)}
    >
      <div class="row">
        <h3 class="grow">
          {detail ? title : <a href={`/admin/broadcasts/${encodeURIComponent(job.id)}`}>{title}</a>}
        </h3>
        <span class={`pill ${job.status}`} data-status>
          {stopping(job) ? t('trust.stopping') : t(`status.${job.status}`)}
        </span>
      </div>
      {!detail && <p class="excerpt">{excerpt(job, view)}</p>}
      <p class="muted">
        {describeAudience(job.audience, view.locale, t)} · {formatTime(view, job.createdAt)}
        {job.sendAt && ` · ${t('jobs.send_at', { time: formatTime(view, job.sendAt) })}`}
      </p>
      {!detail && <p class="muted">{creatorText(view, job.creator, job.createdBy)}</p>}
      <JobProgress view={view} counts={job.counts} />
      <JobCounts view={view} counts={job.counts} scheduled={job.status === 'scheduled'} />
      <ChannelCountsTable view={view} channels={job.channels} />
      {LIVE_STATES.has(job.status) && (
        <form
          data-cancel
          method="post"
          action={`/admin/broadcasts/${encodeURIComponent(job.id)}/cancel`}
          class="buttons"
        >
          <Csrf view={view} />
          <button class="danger" type="submit">
            {t('jobs.cancel')}
          </button>
        </form>
      )}
    </div>
  );
}

/** `/admin/broadcasts`: the recent pushes with live progress, and a link to a new one. */
export function JobsPage({ view, jobs }: { view: View; jobs: readonly JobView[] }) {
  const { t } = view;
  return (
    <Layout
      view={view}
      title={t('jobs.title')}
      live={jobs.some((j) => LIVE_STATES.has(j.status) || stopping(j))}
    >
      <div class="row">
        <h1 class="grow">{t('jobs.title')}</h1>
        <a class="button primary" href="/admin/broadcasts/new">
          {t('jobs.new')}
        </a>
      </div>
      <section class="card">
        {jobs.length === 0 ? (
          <p class="muted">{t('jobs.none')}</p>
        ) : (
          jobs.map((job) => <JobCard view={view} job={job} />)
        )}
      </section>
    </Layout>
  );
}

/** `/admin/broadcasts/{id}`: one push, what it said, and its progress as it goes out. */
export function JobPage(props: {
  view: View;
  job: JobView;
  notice?: string;
  /** Cancelling, waiting for its confirmation. */
  confirm?: ConfirmProps;
}) {
  const { view, job, notice } = props;
  const { t } = view;
  return (
    <Layout
      view={view}
      title={jobTitle(view, job)}
      live={LIVE_STATES.has(job.status) || stopping(job)}
    >
      <p>
        <a href="/admin/broadcasts">← {t('jobs.title')}</a>
      </p>
      {notice && <p class="ok">{notice}</p>}
      {props.confirm && <Confirm {...props.confirm} />}
      <section class="card">
        <JobCard view={view} job={job} detail />
        <p class="muted">{creatorText(view, job.creator, job.createdBy)}</p>
        {job.kind !== 'survey_invite' && (
          <p class="buttons" data-job-actions>
            {job.status === 'scheduled' && (
              <a class="button" href={`/admin/broadcasts/${encodeURIComponent(job.id)}/edit`}>
                {t('trainer.edit.link')}
              </a>
            )}
            <a class="button" href={`/admin/broadcasts/new?from=${encodeURIComponent(job.id)}`}>
              {t('trainer.edit.duplicate')}
            </a>
          </p>
        )}
      </section>
      <section class="card">
        <h2>{t('push.preview')}</h2>
        <div class="grid">
          {(['zh-CN', 'en'] as const).map((l) =>
            job.messages[l] ? (
              <div>
                <h3>{t(`languages.${l}`)}</h3>
                <div class="chat">
                  <div class="bubble">
                    <ChatText text={job.messages[l]} />
                  </div>
                </div>
              </div>
            ) : null,
          )}
        </div>
      </section>
    </Layout>
  );
}
