import { translate } from '../../../i18n';
import { liveSignature } from '../live';
import { Csrf, Layout } from '../layout';
import { inLocale, type SurveyRow } from '../surveys-api';
import { formatCount, type View } from '../view';

/** A problem to show: where (a path in the definition) and what. */
export interface Problem {
  path: string;
  message: string;
}

/** States in which answers still come in, so pages keep themselves fresh. */
export const OPEN_SURVEY_STATES = new Set(['open']);

/** Every problem at once, each with where it is. */
export function Problems({ view, problems }: { view: View; problems: readonly Problem[] }) {
  if (problems.length === 0) return null;
  return (
    <div class="error" role="alert">
      {view.t('surveys.problems', { count: problems.length })}
      <ul>
        {problems.map((p) => (
          <li>
            {p.path && <b>{p.path}:</b>} {p.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A survey's state as a coloured label. */
export function StatusPill({ view, status }: { view: View; status: string }) {
  return <span class={`pill ${status}`}>{view.t(`status.${status}`)}</span>;
}

function UploadForm({ view, text }: { view: View; text: string }) {
  const { t } = view;
  return (
    <form method="post" action="/admin/surveys" enctype="multipart/form-data">
      <Csrf view={view} />
      <label for="definition">{t('surveys.paste')}</label>
      <textarea class="code" id="definition" name="definition" spellcheck={false}>
        {text}
      </textarea>
      <label for="file">{t('surveys.or_upload')}</label>
      <input type="file" id="file" name="file" accept=".json,application/json" />
      <p class="muted">{t('surveys.upload_hint')}</p>
      <div class="buttons">
        <button class="primary" type="submit">
          {t('surveys.save_draft')}
        </button>
      </div>
    </form>
  );
}

/** Upload an XLSForm `.xlsx`; its problems (sheet!cell: reason) show above the form. */
function ImportForm({ view, problems }: { view: View; problems: readonly Problem[] }) {
  const t = (key: string) => translate(view.locale, `surveyTools.import.form.${key}`);
  return (
    <section class="card" id="import">
      <h2>{t('title')}</h2>
      {problems.length > 0 && (
        <div class="error" role="alert">
          {t('failed')}
          <ul>
            {problems.map((p) => (
              <li>{p.message}</li>
            ))}
          </ul>
        </div>
      )}
      <p class="muted">{t('help')}</p>
      <form method="post" action="/admin/surveys/import" enctype="multipart/form-data">
        <Csrf view={view} />
        <label for="xlsform">{t('file')}</label>
        <input
          type="file"
          id="xlsform"
          name="file"
          required
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        />
        <div class="buttons">
          <button class="primary" type="submit">
            {t('submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** `/admin/surveys`: every survey with its state and live counts; upload a definition. */
export function SurveysPage(props: {
  view: View;
  surveys: readonly SurveyRow[] | undefined;
  raw: unknown;
  problems: readonly Problem[];
  text: string;
  importProblems?: readonly Problem[];
}) {
  const { view, surveys } = props;
  const { t } = view;
  const live = surveys?.some((s) => OPEN_SURVEY_STATES.has(s.status)) ?? false;
  return (
    <Layout view={view} title={t('surveys.title')} live={live} keepsInput>
      <h1>{t('surveys.title')}</h1>
      <section
        class="card"
        id="survey-list"
        data-region
        data-kind="regions"
        data-src="/admin/surveys"
        data-poll="/admin/api/surveys"
        data-live={live ? '1' : '0'}
        data-sig={liveSignature(props.raw)}
      >
        {surveys === undefined ? (
          <p class="muted">{t('surveys.unavailable')}</p>
        ) : surveys.length === 0 ? (
          <p class="muted">{t('surveys.none')}</p>
        ) : (
          surveys.map((s) => (
            <div class="item">
              <div class="row">
                <h3 class="grow">
                  <a href={`/admin/surveys/${encodeURIComponent(s.id)}`}>
                    {inLocale(s.title, view.locale) || s.id}
                  </a>
                </h3>
                <StatusPill view={view} status={s.status} />
              </div>
              <p class="muted">
                <code>{s.id}</code>
                {s.version !== null && ` · v${s.version}`}
                {s.draftVersion !== null &&
                  ` · ${t('surveys.draft_of', { version: s.draftVersion })}`}
              </p>
              <ul class="counts">
                {(['invited', 'started', 'completed', 'declined'] as const).map((k) => (
                  <li>
                    {t(`funnel.${k}`)} <b>{formatCount(view, s.counts[k])}</b>
                  </li>
                ))}
              </ul>
            </div>
          ))
        )}
      </section>
      {surveys !== undefined && (
        <section class="card" id="upload">
          <h2>{t('surveys.upload')}</h2>
          <Problems view={view} problems={props.problems} />
          <UploadForm view={view} text={props.text} />
        </section>
      )}
      {surveys !== undefined && <ImportForm view={view} problems={props.importProblems ?? []} />}
    </Layout>
  );
}
