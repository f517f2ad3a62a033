import { LOCALES } from '../../../core/message';
import { STAGES } from '../../../core/profile';
import { translate } from '../../../i18n';
import { STRATA_FIELDS } from '../../../experiments/assign';
import type { Balance } from '../../../experiments/io/registry';
import { Csrf, Layout } from '../layout';
import { listOptions } from '../lists';
import type { View } from '../view';
import { Confirm, type ConfirmProps } from './confirm';
import { ExperimentsCard } from './experiments';

/** The fields of the experiment form, as posted. */
export const EXPERIMENT_FIELDS = [
  'id',
  'arms',
  'strat_province',
  'strat_category',
  'strat_stage',
  'locale',
  'province',
  'category',
  'stage',
] as const;

/** The experiment form's values, by field. */
export type ExperimentFormValues = Partial<Record<(typeof EXPERIMENT_FIELDS)[number], string>>;

/** Props of {@link ExperimentsPage}. */
export interface ExperimentsPageProps {
  view: View;
  experiments: Balance[];
  values: ExperimentFormValues;
  /** Each problem of the form, placed by its field (`data-field`). */
  problems?: { field: string; message: string }[];
  confirm?: Omit<ConfirmProps, 'view'>;
  notice?: string;
}

/** A field's problems, right under it. */
function Problems(props: { problems: { field: string; message: string }[]; field: string }) {
  return (
    <>
      {props.problems
        .filter((p) => p.field === props.field)
        .map((p) => (
          <p class="field-error" data-field-error={props.field}>
            {p.message}
          </p>
        ))}
    </>
  );
}

function Select(props: {
  view: View;
  name: 'locale' | 'province' | 'category' | 'stage';
  options: { id: string; label: string }[];
  value: string | undefined;
}) {
  const { t } = props.view;
  return (
    <label>
      {t(`experiments.form.${props.name}`)}
      <select name={props.name}>
        <option value="">{t('experiments.form.any')}</option>
        {props.options.map((o) => (
          <option value={o.id} selected={o.id === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * `/admin/experiments`: every experiment's balance and the form that defines a new one (an
 * id, its arms one per line, the strata, who takes part), confirmed before it is saved, as
 * an experiment never changes once people are in it.
 */
export function ExperimentsPage(props: ExperimentsPageProps) {
  const { view, values } = props;
  const { t, locale } = view;
  const problems = props.problems ?? [];
  const stages = STAGES.map((id) => ({ id, label: translate(locale, `onboarding.stage.${id}`) }));
  return (
    <Layout view={view} title={t('experiments.title')}>
      <h1>{t('experiments.title')}</h1>
      {props.notice && <p class="ok">{props.notice}</p>}
      {props.confirm && <Confirm view={view} {...props.confirm} />}
      <ExperimentsCard view={view} experiments={props.experiments} />
      <section class="card" id="define">
        <h2>{t('experiments.form.title')}</h2>
        <p class="muted">{t('experiments.form.help')}</p>
        {problems.length > 0 && (
          <p class="error" role="alert">
            {t('experiments.form.failed', { count: problems.length })}
          </p>
        )}
        <form method="post" action="/admin/experiments">
          <Csrf view={view} />
          <label>
            {t('experiments.form.id')}
            <input type="text" name="id" value={values.id ?? ''} />
          </label>
          <Problems problems={problems} field="id" />
          <label>
            {t('experiments.form.arms')}
            <textarea name="arms" rows={4}>
              {values.arms ?? ''}
            </textarea>
          </label>
          <p class="muted">{t('experiments.form.arms_hint')}</p>
          <Problems problems={problems} field="arms" />
          <fieldset>
            <legend>{t('experiments.form.strata')}</legend>
            {STRATA_FIELDS.map((f) => (
              <label class="inline">
                <input
                  type="checkbox"
                  name={`strat_${f}`}
                  value="yes"
                  checked={values[`strat_${f}`] === 'yes'}
                />{' '}
                {t(`experiments.form.${f}`)}
              </label>
            ))}
          </fieldset>
          <Problems problems={problems} field="stratifyBy" />
          <fieldset>
            <legend>{t('experiments.form.audience')}</legend>
            <p class="muted">{t('experiments.form.audience_hint')}</p>
            <Select
              view={view}
              name="locale"
              options={LOCALES.map((id) => ({ id, label: t(`languages.${id}`) }))}
              value={values.locale}
            />
            <Select
              view={view}
              name="province"
              options={listOptions('provinces', locale)}
              value={values.province}
            />
            <Select
              view={view}
              name="category"
              options={listOptions('categories', locale)}
              value={values.category}
            />
            <Select view={view} name="stage" options={stages} value={values.stage} />
          </fieldset>
          <Problems problems={problems} field="audience" />
          <div class="buttons">
            <button class="primary" type="submit">
              {t('experiments.form.submit')}
            </button>
          </div>
        </form>
      </section>
    </Layout>
  );
}
