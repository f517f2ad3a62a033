import type { InvitationPreview, SurveyDelivery } from '../../services/survey-results';
import type { Withdrawal } from '../../../surveys/io/withdrawals';
import { BarChart, Funnel, Histogram, NumberRange } from '../charts';
import { Csrf, Layout } from '../layout';
import { liveSignature } from '../live';
import type { Option } from '../lists';
import type { FormErrors, PushForm } from '../push-form';
import type { QuestionView } from '../survey-stats';
import { inLocale, type SurveyDetail, type SurveyStats } from '../surveys-api';
import { formatCount, formatTime, type View } from '../view';
import { AudienceFields } from './audience-fields';
import { Confirm, type ConfirmProps } from './confirm';
import { Deliveries } from './deliveries';
import { ExportLinks } from './survey-exports';
import { Withdrawals } from './withdrawals';
import { DefinitionCard, ResponsesCard } from './responses';
import type { BrowseProps } from '../responses-view';
import { ExperimentsCard } from './experiments';
import { WavesCard } from './waves';
import type { Balance } from '../../../experiments/io/registry';
import { OPEN_SURVEY_STATES, Problems, StatusPill, type Problem } from './surveys';

/** Everything the survey page shows. */
export interface SurveyPageProps {
  view: View;
  survey: SurveyDetail;
  stats: SurveyStats | undefined;
  questions: readonly QuestionView[];
  /** The stats answer as received, for the live script's change detection. */
  raw: unknown;
  audience: PushForm;
  preview?: InvitationPreview;
  problems: readonly Problem[];
  notice?: string;
  /** The survey's invitations and reminders with their delivery counters. */
  deliveries: readonly SurveyDelivery[];
  /** Who withdrew, with when. */
  withdrawals: readonly Withdrawal[];
  /** An action waiting for its confirmation. */
  confirm?: ConfirmProps;
  courses: readonly Option[];
  provinces: readonly Option[];
  categories: readonly Option[];
  /** Experiments' balance (absent: not shown). */
  experiments?: Balance[];
  /** The send form's problems, each next to its field. */
  audienceErrors?: FormErrors;
  /** The responses card: filter, per-day chart, pseudonyms (absent: not shown). */
  browse?: BrowseProps;
  /** The version the export links download (absent: the current one). */
  exportVersion?: number;
}

const answersHref = (survey: string, question: string) =>
  `/admin/surveys/${encodeURIComponent(survey)}/answers/${encodeURIComponent(question)}`;

function QuestionCard({ view, q, surveyId }: { view: View; q: QuestionView; surveyId: string }) {
  const { t } = view;
  return (
    <section class="card" id={`q-${q.id}`} data-region>
      <h3>{q.text}</h3>
      <p class="muted">
        <code>{q.id}</code> · {t(`question_types.${q.type}`)} ·{' '}
        {t('surveys.answered', { count: formatCount(view, q.answered), skipped: q.skipped })}
      </p>
      {q.bars && q.bars.length > 0 && (
        <BarChart view={view} label={q.text} rows={q.bars} total={q.answered} />
      )}
      {q.bins && q.bins.length > 0 && <Histogram view={view} label={q.text} bins={q.bins} />}
      {q.numeric && !q.bins && q.type !== 'likert' && (
        <NumberRange view={view} label={q.text} figures={q.numeric} />
      )}
      {q.numeric && q.type === 'likert' && (
        <p class="muted">{t('surveys.scale_mean', { mean: Number(q.numeric.mean.toFixed(2)) })}</p>
      )}
      {q.latest &&
        (q.latest.length === 0 ? (
          <p class="muted">{t('surveys.no_answers')}</p>
        ) : (
          <ul class="answers">
            {q.latest.map((a) => (
              <li>{a}</li>
            ))}
          </ul>
        ))}
      {q.typed && (
        <p>
          <a href={answersHref(surveyId, q.id)}>{t('surveys.all_answers')}</a>
        </p>
      )}
    </section>
  );
}

/** Who an invitation would reach: the total, by channel and by language. */
function Reach({ view, preview }: { view: View; preview: InvitationPreview }) {
  const { t } = view;
  const parts = (counts: Record<string, number>, key: string) =>
    Object.entries(counts).map(([k, n]) => `${t(`${key}.${k}`, { defaultValue: k })} ${n}`);
  return (
    <p id="reach">
      <b>{t('trust.reaches', { count: formatCount(view, preview.size) })}</b>
      {preview.size > 0 && (
        <span class="muted">
          {' · '}
          {[...parts(preview.byChannel, 'channels'), ...parts(preview.byLocale, 'languages')].join(
            ' · ',
          )}
        </span>
      )}
    </p>
  );
}

/** A button that posts to `/admin/surveys/{id}/{action}`. */
function Action(props: { view: View; id: string; action: string; label: string; kind?: string }) {
  return (
    <form method="post" action={`/admin/surveys/${encodeURIComponent(props.id)}/${props.action}`}>
      <Csrf view={props.view} />
      <button class={props.kind ?? ''} type="submit">
        {props.label}
      </button>
    </form>
  );
}

function Manage(props: { view: View; survey: SurveyDetail; exportVersion?: number }) {
  const { view, survey } = props;
  const { t } = view;
  const id = survey.id;
  const api = `/admin/api/surveys/${encodeURIComponent(id)}/export`;
  const chosen = exportChoice(survey, props.exportVersion);
  // The current version keeps the links as they were; an older one adds `version=`.
  const base = chosen === survey.version ? api : `${api}?version=${chosen}`;
  const canPublish = survey.draftVersion !== null;
  const canClose = survey.status === 'open' || survey.status === 'full';
  const canReopen = survey.status === 'closed' && survey.version !== null;
  return (
    <section class="card">
      <h2>{t('surveys.manage')}</h2>
      {(canPublish || canClose || canReopen) && (
        <div class="buttons">
          {canPublish && (
            <Action
              view={view}
              id={id}
              action="publish"
              kind="primary"
              label={t('surveys.actions.publish', { version: survey.draftVersion ?? '' })}
            />
          )}
          {canClose && (
            <Action
              view={view}
              id={id}
              action="close"
              kind="danger"
              label={t('surveys.actions.close')}
            />
          )}
          {canReopen && <Action view={view} id={id} action="reopen" label={t('trust.reopen')} />}
        </div>
      )}
      {survey.version !== null && (
        <>
          <h3 id="export">{t('surveys.export')}</h3>
          <ExportVersionPicker view={view} survey={survey} chosen={chosen} />
          <ExportLinks view={view} base={base} />
        </>
      )}
    </section>
  );
}

/** The version the exports download: the one asked for when the survey has it, else the current. */
function exportChoice(survey: SurveyDetail, asked: number | undefined): number | null {
  return asked !== undefined && survey.versions.includes(asked) ? asked : survey.version;
}

/**
 * Which version the export links download: a small GET form back to this page (no script
 * needed), shown when the survey has more than one version; the current one is the default.
 */
function ExportVersionPicker(props: { view: View; survey: SurveyDetail; chosen: number | null }) {
  const { view, survey, chosen } = props;
  const { t } = view;
  if (survey.versions.length < 2) return <></>;
  const versions = [...survey.versions].sort((a, b) => b - a);
  return (
    <form
      method="get"
      action={`/admin/surveys/${encodeURIComponent(survey.id)}#export`}
      class="row"
      id="export-version"
    >
      <label>
        {t('surveys.export_version_pick')}{' '}
        <select name="export">
          {versions.map((v) => (
            <option value={String(v)} selected={v === chosen}>
              {v === survey.version ? t('surveys.export_version_latest', { version: v }) : `v${v}`}
            </option>
          ))}
        </select>
      </label>
      <button type="submit">{t('surveys.export_version_show')}</button>
    </form>
  );
}

/** `/admin/surveys/{id}`: funnel, a chart per question, publish/send/remind/close, exports. */
export function SurveyPage(props: SurveyPageProps) {
  const { view, survey } = props;
  const { t } = view;
  const id = survey.id;
  const live = OPEN_SURVEY_STATES.has(survey.status);
  const counts = props.stats?.counts ?? survey.counts;
  const title = inLocale(survey.title, view.locale) || id;
  return (
    <Layout view={view} title={title} live={live} keepsInput>
      <p>
        <a href="/admin/surveys">← {t('surveys.title')}</a>
      </p>
      <div class="row" id="survey-head" data-region>
        <h1 class="grow">{title}</h1>
        <StatusPill view={view} status={survey.status} />
      </div>
      <p class="muted">
        <code>{id}</code>
        {survey.version !== null && ` · v${survey.version}`}
        {survey.draftVersion !== null &&
          ` · ${t('surveys.draft_of', { version: survey.draftVersion })}`}
        {survey.closesAt &&
          ` · ${t('surveys.closes', { time: formatTime(view, survey.closesAt) })}`}
        {survey.quota !== null && ` · ${t('surveys.quota', { count: survey.quota })}`}
      </p>
      {props.notice && <p class="ok">{props.notice}</p>}
      <Problems view={view} problems={props.problems} />
      {props.confirm && <Confirm {...props.confirm} />}
      <section
        class="card"
        id="responses"
        data-region
        data-kind="regions"
        data-src={`/admin/surveys/${encodeURIComponent(id)}${view.query ? `?${view.query}` : ''}`}
        data-poll={`/admin/api/surveys/${encodeURIComponent(id)}/stats`}
        data-live={live ? '1' : '0'}
        data-sig={liveSignature(props.raw)}
      >
        <h2>
          {/* The figures count the current version only: with several, say which. */}
          {survey.versions.length > 1 && survey.version !== null
            ? t('surveys.responses_version', { version: survey.version })
            : t('surveys.responses')}
        </h2>
        <Funnel
          view={view}
          steps={(['invited', 'started', 'completed'] as const).map((k) => ({
            label: t(`funnel.${k}`),
            value: counts[k],
            // Anyone with the survey's link can start it: the started are not a part of
            // the invited, and a share of them would be a false figure.
            partOfPrevious: k !== 'started',
          }))}
        />
        <p class="muted">
          {t('surveys.other_counts', {
            partial: counts.partial,
            declined: counts.declined,
            withdrawn: counts.withdrawn,
          })}
        </p>
      </section>
      <Deliveries view={view} list={props.deliveries} />
      {survey.version !== null && props.browse && (
        <ResponsesCard view={view} surveyId={id} {...props.browse} />
      )}
      {survey.version !== null && <Withdrawals view={view} list={props.withdrawals} />}
      {survey.definition && <DefinitionCard view={view} survey={survey.definition} />}
      {props.experiments && <ExperimentsCard view={view} experiments={props.experiments} link />}
      {survey.status === 'open' && (
        <WavesCard view={view} surveyId={id} waves={props.stats?.waves} />
      )}
      <Manage
        view={view}
        survey={survey}
        {...(props.exportVersion !== undefined ? { exportVersion: props.exportVersion } : {})}
      />
      {props.questions.map((q) => (
        <QuestionCard view={view} q={q} surveyId={id} />
      ))}
      {survey.status === 'open' && (
        <details
          class="card"
          id="send"
          open={
            props.preview !== undefined ||
            props.problems.length > 0 ||
            Object.keys(props.audienceErrors ?? {}).length > 0
          }
        >
          <summary>{t('surveys.send')}</summary>
          {props.preview && <Reach view={view} preview={props.preview} />}
          <form method="post" action={`/admin/surveys/${encodeURIComponent(id)}/send`}>
            <Csrf view={view} />
            <AudienceFields
              view={view}
              form={props.audience}
              errors={props.audienceErrors ?? {}}
              courses={props.courses}
              provinces={props.provinces}
              categories={props.categories}
            />
            <div class="buttons">
              <button type="submit" name="intent" value="preview">
                {t('push.preview_button')}
              </button>
              <button class="primary" type="submit" name="intent" value="send">
                {t('surveys.actions.send')}
              </button>
            </div>
          </form>
          <h3>{t('surveys.remind_title')}</h3>
          <p class="muted">{t('surveys.remind_hint')}</p>
          <Action view={view} id={id} action="remind" label={t('surveys.actions.remind')} />
        </details>
      )}
    </Layout>
  );
}
