import type { Context, Hono } from 'hono';
import type { AppEnv } from '../../http/types';
import { refused, type Refusal } from '../services/service';
import { importSurvey, MAX_XLSFORM_BYTES } from '../services/survey-import';
import type { Locale } from '../../core/message';
import { translate } from '../../i18n';
import {
  inviteToSurvey,
  previewSurveyInvitation,
  surveyDeliveries,
  surveyWithdrawals,
  surveyStats,
  type InvitationPreview,
} from '../services/survey-results';
import { closeSurvey, publishSurvey, reopenSurvey, saveSurveyDraft } from '../services/surveys';
import { listExperiments } from '../services/experiments';
import type { T } from './i18n';
import { listOptions } from './lists';
import { problemsOf } from './problem-words';
import { consoleActor, formBody, message, page, pageView, refusalPage, render } from './page-kit';
import { AnswersPage, type TypedAnswer } from './pages/answers';
import type { ConfirmProps } from './pages/confirm';
import { SurveyPage } from './pages/survey';
import { SurveysPage, type Problem } from './pages/surveys';
import {
  emptyPushForm,
  formAudience,
  formErrorsFromApi,
  readPushForm,
  type FormErrors,
  type PushForm,
} from './push-form';
import { questionViews } from './survey-stats';
import { courseOptions, inLocale, readStats, readSurvey, readSurveys } from './surveys-api';
import { formatCount } from './view';
import { browseProps } from './responses-view';

const ACTIONS = new Set(['publish', 'close', 'reopen', 'send', 'remind']);

/** The definition typed or uploaded: the file wins when one was chosen. */
async function definitionText(body: Record<string, unknown>): Promise<string> {
  const file = body.file;
  if (file instanceof File && file.size > 0) return (await file.text()).slice(0, 60_000);
  return typeof body.definition === 'string' ? body.definition.slice(0, 60_000) : '';
}

type Extra = {
  confirm?: ConfirmProps;
  audience?: PushForm;
  preview?: InvitationPreview;
  problems?: Problem[];
  /** The audience form's problems, each shown next to its field. */
  audienceErrors?: FormErrors;
  status?: 200 | 400 | 503;
};

/**
 * A refused invitation as the send form shows it: field errors next to their fields (in the
 * console's words, never the validator's), anything else in the list above the form.
 */
function formFailure(
  refusal: Refusal,
  t: T,
  locale: Locale,
): Pick<Extra, 'problems' | 'audienceErrors'> {
  if (refusal.fields && Object.keys(refusal.fields).length > 0)
    return { problems: [], audienceErrors: formErrorsFromApi(refusal.fields) };
  return { problems: problemsOf(refusal, t, locale) };
}

/** `/admin/surveys...`: list with live counts, upload, a survey's charts and its actions. */
export function surveyPages(app: Hono<AppEnv>): void {
  const showList = async (
    c: Context<AppEnv>,
    problems: Problem[] = [],
    text = '',
    importProblems: Problem[] = [],
  ) => {
    const surveys = await readSurveys(c);
    const view = pageView(c);
    const props = { view, surveys, raw: surveys, problems, text, importProblems };
    const failed = problems.length + importProblems.length > 0;
    return render(c, view, SurveysPage(props), failed ? 400 : 200);
  };

  app.get('/admin/surveys', page('listSurveys'), (c) => showList(c));

  app.post('/admin/surveys', page('saveSurveyDraft'), async (c) => {
    const text = await definitionText(await formBody(c));
    const t = pageView(c).t;
    let definition: unknown;
    try {
      definition = JSON.parse(text);
    } catch (error) {
      const yaml = /^\s*[\w-]+\s*:/m.test(text) && !/^\s*[{[]/.test(text);
      const detail = error instanceof Error ? error.message : '';
      return showList(
        c,
        [{ path: '', message: t(yaml ? 'surveys.yaml' : 'surveys.not_json', { detail }) }],
        text,
      );
    }
    const saved = await saveSurveyDraft(c.var.deps, consoleActor(c), definition);
    if (saved.ok)
      return c.redirect(`/admin/surveys/${encodeURIComponent(saved.value.id)}?done=saved`, 303);
    return showList(c, problemsOf(saved, t, pageView(c).locale), text);
  });

  app.post('/admin/surveys/import', page('importSurvey'), async (c) => {
    const file = (await formBody(c)).file;
    const view = pageView(c);
    const tooLarge = file instanceof File && file.size > MAX_XLSFORM_BYTES;
    const bytes =
      file instanceof File && !tooLarge
        ? new Uint8Array(await file.arrayBuffer())
        : new Uint8Array();
    const imported = tooLarge
      ? refused(400, 'invalid_survey', {
          problems: [{ path: '', message: translate(view.locale, 'surveyTools.import.too_large') }],
        })
      : await importSurvey(c.var.deps, consoleActor(c), { bytes, locale: view.locale });
    if (imported.ok)
      return c.redirect(`/admin/surveys/${encodeURIComponent(imported.value.id)}?done=saved`, 303);
    if (imported.status === 403) return refusalPage(c, imported);
    return showList(c, [], '', problemsOf(imported, view.t, view.locale));
  });

  const showSurvey = async (c: Context<AppEnv>, extra: Extra = {}) => {
    const id = c.req.param('id') ?? '';
    const view = pageView(c);
    const courses = courseOptions(view.locale);
    const [survey, stats, deliveries, withdrawals, experiments, browse] = await Promise.all([
      readSurvey(c, id),
      readStats(c, id),
      surveyDeliveries(c.var.deps, consoleActor(c), id),
      surveyWithdrawals(c.var.deps, consoleActor(c), id),
      listExperiments(c.var.deps, consoleActor(c)),
      browseProps(c, id),
    ]);
    if (!survey) return message(c, 404, 'not_found.title', 'not_found.text');
    const done = c.req.query('done');
    // `?export=<n>`: the version the export links download (the picker; absent: the current).
    const exportVersion = Number(c.req.query('export'));
    const props = {
      view,
      survey,
      stats,
      questions: stats ? questionViews(survey.definition, stats, view.locale, view.t) : [],
      raw: stats,
      deliveries: deliveries.ok ? deliveries.value : [],
      withdrawals: withdrawals.ok ? withdrawals.value : [],
      audience: extra.audience ?? emptyPushForm(),
      problems: extra.problems ?? [],
      ...(extra.audienceErrors ? { audienceErrors: extra.audienceErrors } : {}),
      provinces: listOptions('provinces', view.locale),
      categories: listOptions('categories', view.locale),
      courses,
      ...(experiments.ok ? { experiments: experiments.value } : {}),
      browse,
      ...(Number.isInteger(exportVersion) && exportVersion > 0 ? { exportVersion } : {}),
      ...(extra.preview ? { preview: extra.preview } : {}),
      ...(extra.confirm ? { confirm: extra.confirm } : {}),
      ...(done && ACTIONS.has(done) ? { notice: view.t(`surveys.done.${done}`) } : {}),
      ...(done === 'wave' ? { notice: view.t('waves.done') } : {}),
      ...(done === 'saved' ? { notice: view.t('surveys.done.saved') } : {}),
    };
    return render(c, view, SurveyPage(props), extra.status ?? 200);
  };

  app.get('/admin/surveys/:id', page('getSurvey'), (c) => showSurvey(c));

  app.get('/admin/surveys/:id/answers/:question', page('surveyStats'), async (c) => {
    const { id, question } = c.req.param();
    const view = pageView(c);
    const survey = await readSurvey(c, id);
    const q = survey?.definition?.questions.find((x) => x.id === question);
    if (!survey || !q) return message(c, 404, 'not_found.title', 'not_found.text');
    // A page of the scan may hold few typed answers: read on until 50 or five pages.
    const answers: TypedAnswer[] = [];
    let cursor = (c.req.query('cursor') ?? '0').slice(0, 300);
    for (let i = 0; i < 5 && answers.length < 50; i++) {
      const query = { question, cursor, limit: '100' };
      const read = await surveyStats(c.var.deps, consoleActor(c), { id, query });
      if (!read.ok || !('answers' in read.value))
        return message(c, 404, 'not_found.title', 'not_found.text');
      answers.push(...read.value.answers.map((a) => ({ text: a.text, at: a.at })));
      cursor = read.value.cursor;
      if (cursor === '0') break;
    }
    const props = {
      view,
      surveyId: id,
      surveyTitle: inLocale(survey.title, view.locale) || id,
      question: inLocale(q.text, view.locale),
      answers,
      ...(cursor !== '0' ? { next: cursor } : {}),
    };
    return render(c, view, AnswersPage(props));
  });

  app.post('/admin/surveys/:id/:action', page('getSurvey'), async (c) => {
    const { id, action } = c.req.param();
    if (!ACTIONS.has(action)) return message(c, 404, 'not_found.title', 'not_found.text');
    const { t, locale } = pageView(c);
    const { deps } = c.var;
    const actor = consoleActor(c);
    const body = await formBody(c);
    const audience = readPushForm(body);
    if (action === 'send' && body.intent === 'preview') {
      const body = { audience: formAudience(audience) };
      const preview = await previewSurveyInvitation(deps, actor, { id, mode: 'send', body });
      if (!preview.ok)
        return showSurvey(c, { audience, ...formFailure(preview, t, locale), status: 400 });
      const nobody = preview.value.nobody;
      const problems = nobody ? [{ path: '', message: t(`trust.errors.${nobody}`) }] : [];
      return showSurvey(c, { audience, preview: preview.value, problems });
    }
    if (body.confirmed !== 'yes') {
      const asked = await confirmation(c, id, action, audience);
      if ('problems' in asked) return showSurvey(c, { audience, ...asked });
      return showSurvey(c, { audience, confirm: asked });
    }
    const outcome =
      action === 'publish'
        ? await publishSurvey(deps, actor, id)
        : action === 'close' || action === 'reopen'
          ? await (action === 'close' ? closeSurvey : reopenSurvey)(deps, actor, id)
          : await inviteToSurvey(deps, actor, {
              id,
              mode: action === 'send' ? 'send' : 'remind',
              body: action === 'send' ? { audience: formAudience(audience) } : {},
            });
    if (outcome.ok)
      return c.redirect(`/admin/surveys/${encodeURIComponent(id)}?done=${action}`, 303);
    if (outcome.status === 403) return message(c, 403, 'forbidden.title', 'forbidden.text');
    // 503: no broadcast queue in this deploy (problemsOf words it); anything else is the form's.
    const status = outcome.status === 503 ? 503 : 400;
    return showSurvey(c, { audience, ...formFailure(outcome, t, locale), status });
  });
}

/** The fields of the audience form, posted again by the confirmation. */
function audienceFields(form: PushForm): Record<string, string> {
  const { audience, course, locale, province, category } = form;
  return { audience, course, locale, province, category };
}

/**
 * What confirming `action` will do, in words with the real numbers (an invitation's or a
 * reminder's exact reach); or why it cannot go ahead (it would reach nobody).
 */
async function confirmation(
  c: Context<AppEnv>,
  id: string,
  action: string,
  audience: PushForm,
): Promise<ConfirmProps | { problems: Problem[]; audienceErrors?: FormErrors; status: 400 | 503 }> {
  const view = pageView(c);
  const { t } = view;
  const path = `/admin/surveys/${encodeURIComponent(id)}`;
  const base = { view, action: `${path}/${action}`, back: path };
  if (action === 'publish') {
    const survey = await readSurvey(c, id);
    const version = survey?.draftVersion ?? '';
    const button = t('trust.confirm.publish_button', { version });
    return { ...base, text: t('trust.confirm.publish', { version }), button };
  }
  if (action === 'reopen')
    return { ...base, text: t('trust.confirm.reopen'), button: t('trust.confirm.reopen_button') };
  if (action === 'close')
    return {
      ...base,
      text: t('trust.confirm.close'),
      button: t('trust.confirm.close_button'),
      danger: true,
    };
  const mode = action === 'send' ? 'send' : 'remind';
  const body = mode === 'send' ? { audience: formAudience(audience) } : {};
  const reach = await previewSurveyInvitation(c.var.deps, consoleActor(c), { id, mode, body });
  if (!reach.ok)
    return {
      problems: [],
      ...formFailure(reach, t, view.locale),
      status: reach.status === 503 ? 503 : 400,
    };
  const { size, nobody } = reach.value;
  if (nobody)
    return { problems: [{ path: '', message: t(`trust.errors.${nobody}`) }], status: 400 };
  const count = formatCount(view, size);
  const detail = [
    ...Object.entries(reach.value.byChannel).map(([k, n]) => `${t(`channels.${k}`)} ${n}`),
    ...Object.entries(reach.value.byLocale).map(([k, n]) => `${t(`languages.${k}`)} ${n}`),
  ].join(' · ');
  return {
    ...base,
    text: t(`trust.confirm.${mode}`, { count, detail }),
    button: t(`trust.confirm.${mode}_button`, { count }),
    ...(mode === 'send' ? { fields: audienceFields(audience) } : {}),
  };
}
