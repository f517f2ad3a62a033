import type { SurveyDefinition } from '../../../surveys/schema';
import { toYaml } from '../../../surveys/yaml-out';
import { RESPONSE_STATES } from '../../../surveys/io/responses';
import { translate } from '../../../i18n';
import type { ResponsesPage } from '../../services/responses';
import { BarChart } from '../charts';
import { formatTime, type View } from '../view';

/** The responses filter as the form holds it (every field a string, '' for any). */
export interface ResponsesFilterForm {
  status: string;
  channel: string;
  lang: string;
  from: string;
  to: string;
}

/** The form's field names in the page's query (prefixed so `lang` stays the console's). */
export const FILTER_PARAMS = {
  status: 'r_status',
  channel: 'r_channel',
  lang: 'r_lang',
  from: 'r_from',
  to: 'r_to',
} as const satisfies Record<keyof ResponsesFilterForm, string>;

const CHANNELS = ['telegram', 'wechat', 'webchat'] as const;
const LANGS = ['zh-CN', 'en'] as const;

const tr = (view: View, key: string, params?: Record<string, string | number>) =>
  translate(view.locale, `admin_responses.${key}`, params);

/** A respondent's state, time or channel as a cell. */
const when = (view: View, iso: string | null) => (iso ? formatTime(view, iso) : '—');

/** The page's URL for another page of the same filter. */
function pageHref(surveyId: string, form: ResponsesFilterForm, cursor?: string): string {
  const params = new URLSearchParams();
  for (const [k, name] of Object.entries(FILTER_PARAMS)) {
    const v = form[k as keyof ResponsesFilterForm];
    if (v) params.set(name, v);
  }
  if (cursor) params.set('r_cursor', cursor);
  const q = params.toString();
  return `/admin/surveys/${encodeURIComponent(surveyId)}${q ? `?${q}` : ''}#browse`;
}

/**
 * The filter form (a GET form outside every live region, so a refresh never resets it),
 * with each field's problem next to it.
 */
export function ResponsesFilter(props: {
  view: View;
  surveyId: string;
  form: ResponsesFilterForm;
  errors: Partial<Record<keyof ResponsesFilterForm, string>>;
}) {
  const { view, form, errors } = props;
  const { t } = view;
  const select = (
    field: 'status' | 'channel' | 'lang',
    options: readonly { id: string; label: string }[],
  ) => (
    <div>
      <label for={FILTER_PARAMS[field]}>
        {tr(view, `filter.${field === 'lang' ? 'language' : field}`)}
      </label>
      <select id={FILTER_PARAMS[field]} name={FILTER_PARAMS[field]}>
        <option value="">{tr(view, 'filter.any')}</option>
        {options.map((o) => (
          <option value={o.id} selected={o.id === form[field]}>
            {o.label}
          </option>
        ))}
      </select>
      {errors[field] && <p class="field-error">{errors[field]}</p>}
    </div>
  );
  const date = (field: 'from' | 'to') => (
    <div>
      <label for={FILTER_PARAMS[field]}>{tr(view, `filter.${field}`)}</label>
      <input
        type="date"
        id={FILTER_PARAMS[field]}
        name={FILTER_PARAMS[field]}
        value={form[field]}
        aria-invalid={errors[field] ? 'true' : undefined}
      />
      {errors[field] && <p class="field-error">{errors[field]}</p>}
    </div>
  );
  return (
    <form
      method="get"
      action={`/admin/surveys/${encodeURIComponent(props.surveyId)}#browse`}
      id="browse-filter"
      class="grid"
    >
      {select(
        'status',
        RESPONSE_STATES.map((s) => ({ id: s, label: tr(view, `states.${s}`) })),
      )}
      {select(
        'channel',
        CHANNELS.map((c) => ({ id: c, label: t(`channels.${c}`) })),
      )}
      {select(
        'lang',
        LANGS.map((l) => ({ id: l, label: t(`languages.${l}`) })),
      )}
      {date('from')}
      {date('to')}
      <div class="buttons">
        <button class="primary" type="submit">
          {tr(view, 'filter.apply')}
        </button>
        <a class="button" href={`/admin/surveys/${encodeURIComponent(props.surveyId)}#browse`}>
          {tr(view, 'filter.clear')}
        </a>
      </div>
    </form>
  );
}

/** The filtered responses: the per-day chart (first page) and a table of pseudonyms. */
export function ResponsesList(props: {
  view: View;
  surveyId: string;
  form: ResponsesFilterForm;
  page: ResponsesPage | undefined;
  paged: boolean;
}) {
  const { view, page } = props;
  const { t } = view;
  return (
    <div id="browse-list" data-region>
      {page?.perDay && (
        <>
          <h3>{tr(view, 'per_day')}</h3>
          {page.perDay.length === 0 ? (
            <p class="muted">{tr(view, 'no_days')}</p>
          ) : (
            <BarChart
              view={view}
              label={tr(view, 'per_day')}
              rows={page.perDay.map((d) => ({
                label: d.day,
                value: d.started,
                note: tr(view, 'per_day_note', { started: d.started, completed: d.completed }),
              }))}
            />
          )}
        </>
      )}
      {page &&
        (page.responses.length === 0 ? (
          <p class="muted">{tr(view, 'none')}</p>
        ) : (
          <div class="scroll">
            <table class="nowrap">
              <thead>
                <tr>
                  {[
                    'respondent',
                    'state',
                    'channel',
                    'language',
                    'started',
                    'finished',
                    'answered',
                  ].map((c) => (
                    <th>{tr(view, `cols.${c}`)}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {page.responses.map((r) => (
                  <tr data-state={r.state}>
                    <td>
                      <code>{r.respondent}</code>
                    </td>
                    <td>{tr(view, `states.${r.state}`)}</td>
                    <td>
                      {r.channel ? t(`channels.${r.channel}`, { defaultValue: r.channel }) : '—'}
                    </td>
                    <td>{r.locale ? t(`languages.${r.locale}`) : '—'}</td>
                    <td>{when(view, r.startedAt)}</td>
                    <td>{when(view, r.completedAt ?? r.withdrawnAt)}</td>
                    <td>{r.answered}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      <div class="buttons">
        {props.paged && (
          <a class="button" href={pageHref(props.surveyId, props.form)}>
            {tr(view, 'first')}
          </a>
        )}
        {page && page.next !== '0' && (
          <a class="button" rel="next" href={pageHref(props.surveyId, props.form, page.next)}>
            {tr(view, 'next')}
          </a>
        )}
      </div>
    </div>
  );
}

/** The responses card: what it shows, the filter form, and the list. */
export function ResponsesCard(props: {
  view: View;
  surveyId: string;
  form: ResponsesFilterForm;
  errors: Partial<Record<keyof ResponsesFilterForm, string>>;
  page: ResponsesPage | undefined;
  paged: boolean;
}) {
  const { view } = props;
  return (
    <section class="card" id="browse">
      <h2>{tr(view, 'title')}</h2>
      <p class="muted">{tr(view, 'hint')}</p>
      <ResponsesFilter
        view={view}
        surveyId={props.surveyId}
        form={props.form}
        errors={props.errors}
      />
      <ResponsesList
        view={view}
        surveyId={props.surveyId}
        form={props.form}
        page={props.page}
        paged={props.paged}
      />
    </section>
  );
}

/** The current definition: readable in place, downloadable, and tried in the web chat. */
export function DefinitionCard(props: { view: View; survey: SurveyDefinition }) {
  const { view, survey } = props;
  const base = `/admin/api/surveys/${encodeURIComponent(survey.id)}/definition`;
  return (
    <section class="card" id="definition">
      <h2>{tr(view, 'definition.title', { version: survey.version })}</h2>
      <div class="buttons">
        <a class="button" href={`${base}?format=yaml`} download>
          {tr(view, 'definition.yaml')}
        </a>
        <a class="button" href={`${base}?format=json`} download>
          {tr(view, 'definition.json')}
        </a>
        <a
          class="button"
          id="try-survey"
          href={`/chat?start=survey_${encodeURIComponent(survey.id)}`}
          target="_blank"
          rel="noopener"
        >
          {tr(view, 'definition.try')}
        </a>
      </div>
      <p class="muted">{tr(view, 'definition.try_hint')}</p>
      <details>
        <summary>{tr(view, 'definition.view')}</summary>
        <pre class="definition">{toYaml(survey)}</pre>
      </details>
    </section>
  );
}
