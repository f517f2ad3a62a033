import type { Context, Hono } from 'hono';
import { experimentInputSchema } from '../../experiments/schema';
import { STRATA_FIELDS } from '../../experiments/assign';
import { issuesOf } from '../../http/bad-request';
import { wordsFor, type FieldIssue } from '../../http/field-words';
import type { AppEnv } from '../../http/types';
import { defineExperiment, listExperiments } from '../services/experiments';
import type { Refusal } from '../services/service';
import type { T } from './i18n';
import { consoleActor, formBody, page, pageView, refusalPage, render } from './page-kit';
import {
  EXPERIMENT_FIELDS,
  ExperimentsPage,
  type ExperimentFormValues,
  type ExperimentsPageProps,
} from './pages/experiment-form';
import { problemsOf } from './problem-words';

/**
 * The form's values as the experiment API takes them: arms one per line (`control` or
 * `video 2`: an id and, optionally, its weight), the strata ticked, and who takes part
 * (everyone who agreed when no filter is chosen).
 */
export function experimentInputOf(v: ExperimentFormValues): Record<string, unknown> {
  const arms = (v.arms ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      const [id = '', weight] = line.split(/[\s,，]+/);
      return { id, weight: weight === undefined ? 1 : Number(weight) };
    });
  const filters = Object.fromEntries(
    (['locale', 'province', 'category', 'stage'] as const)
      .filter((k) => (v[k] ?? '') !== '')
      .map((k) => [k, v[k]]),
  );
  return {
    id: (v.id ?? '').trim(),
    arms,
    stratifyBy: STRATA_FIELDS.filter((f) => v[`strat_${f}`] === 'yes'),
    audience: Object.keys(filters).length > 0 ? filters : { all: true },
  };
}

/** A problem under the field it is about: the arm's number said first for an arm's own. */
function placed(issue: FieldIssue, t: T): { field: string; message: string } {
  const [head = '', index, ...rest] = issue.field.split('.');
  const words = wordsFor(issue, t);
  if (head === 'arms' && index !== undefined && /^\d+$/.test(index)) {
    const what = rest[0] === 'weight' ? 'arm_weight' : 'arm_id';
    return {
      field: 'arms',
      message: `${t(`experiments.form.${what}`, { n: Number(index) + 1 })}: ${words}`,
    };
  }
  return { field: head === '' ? 'id' : head, message: words };
}

function problemsOfRefusal(refusal: Refusal, t: T, view: ReturnType<typeof pageView>) {
  if (refusal.issues && refusal.issues.length > 0) return refusal.issues.map((i) => placed(i, t));
  // A taken id (409) is about the id.
  return problemsOf(refusal, t, view.locale, true).map((p) => ({
    field: p.path === '' ? 'id' : p.path,
    message: p.message,
  }));
}

/** `/admin/experiments`: the experiments' balance and the form that defines one. */
export function experimentPages(app: Hono<AppEnv>): void {
  const show = async (
    c: Context<AppEnv>,
    props: Omit<ExperimentsPageProps, 'view' | 'experiments'>,
    status: 200 | 400 = 200,
  ) => {
    const listed = await listExperiments(c.var.deps, consoleActor(c));
    if (!listed.ok) return refusalPage(c, listed);
    const view = pageView(c);
    return render(c, view, ExperimentsPage({ view, experiments: listed.value, ...props }), status);
  };

  app.get('/admin/experiments', page('getExperiment'), (c) => {
    const done = c.req.query('done');
    const notice = done ? pageView(c).t('experiments.form.done', { id: done }) : undefined;
    return show(c, { values: {}, ...(notice ? { notice } : {}) });
  });

  app.post('/admin/experiments', page('defineExperiment'), async (c) => {
    const body = await formBody(c);
    const values: ExperimentFormValues = {};
    for (const f of EXPERIMENT_FIELDS) if (typeof body[f] === 'string') values[f] = body[f];
    const view = pageView(c);
    const { t } = view;
    const input = experimentInputOf(values);
    if (body.confirmed === 'yes') {
      const out = await defineExperiment(c.var.deps, consoleActor(c), input);
      if (out.ok)
        return c.redirect(`/admin/experiments?done=${encodeURIComponent(out.value.id)}`, 303);
      if (out.status !== 400 && out.status !== 409) return refusalPage(c, out);
      return show(c, { values, problems: problemsOfRefusal(out, t, view) }, 400);
    }
    const parsed = experimentInputSchema.safeParse(input);
    if (!parsed.success) {
      const problems = issuesOf(parsed.error, { input }).map((i) => placed(i, t));
      return show(c, { values, problems }, 400);
    }
    // Defining cannot be undone: say what will happen, and ask again.
    const arms = parsed.data.arms.map((a) => (a.weight === 1 ? a.id : `${a.id} ×${a.weight}`));
    return show(c, {
      values,
      confirm: {
        action: '/admin/experiments',
        text: t('experiments.form.confirm', { id: parsed.data.id, arms: arms.join(', ') }),
        button: t('experiments.form.confirm_button'),
        back: '/admin/experiments',
        fields: values as Record<string, string>,
      },
    });
  });
}
