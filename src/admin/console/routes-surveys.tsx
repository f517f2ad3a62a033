import type { Context, Hono } from 'hono';
import type { AppEnv } from '../../http/types';
import type { AudiencePreview } from '../api-schemas';
import { previewAudience } from '../services/figures';
import type { Refusal } from '../services/service';
import { listExperiments } from '../services/experiments';
import { inviteToSurvey, surveyStats } from '../services/survey-results';
import { closeSurvey, publishSurvey, saveSurveyDraft } from '../services/surveys';
import type { T } from './i18n';
import { listOptions } from './lists';
import { consoleActor, formBody, message, page, pageView, render } from './page-kit';
import { AnswersPage, type TypedAnswer } from './pages/answers';
import { SurveyPage } from './pages/survey';
import { SurveysPage, type Problem } from './pages/surveys';
import { emptyPushForm, formAudience, readPushForm, type PushForm } from './push-form';
import { questionViews } from './survey-stats';
import { courseOptions, inLocale, readStats, readSurvey, readSurveys } from './surveys-api';

const ACTIONS = new Set(['publish', 'close', 'send', 'remind']);

/** Every problem a refusal lists (a definition's, else its fields'), else its error code. */
export function problemsOf(refusal: Refusal, t: T): Problem[] {
  if (refusal.problems && refusal.problems.length > 0)
    return refusal.problems.map((p) => ({ path: p.path, message: p.message }));
  if (refusal.fields)
    return Object.entries(refusal.fields).flatMap(([path, list]) =>
      list.map((m) => ({ path, message: m })),
    );
  const code = refusal.error;
  return [{ path: '', message: t(`surveys.errors.${code}`, { defaultValue: code }) }];
}

/** The definition typed or uploaded: the file wins when one was chosen. */
async function definitionText(body: Record<string, unknown>): Promise<string> {
  const file = body.file;
  if (file instanceof File && file.size > 0) return (await file.text()).slice(0, 60_000);
  return typeof body.definition === 'string' ? body.definition.slice(0, 60_000) : '';
}

type Extra = {
  audience?: PushForm;
  preview?: AudiencePreview;
  problems?: Problem[];
  status?: 200 | 400 | 503;
};

/** `/admin/surveys...`: list with live counts, upload, a survey's charts and its actions. */
export function surveyPages(app: Hono<AppEnv>): void {
  const showList = async (c: Context<AppEnv>, problems: Problem[] = [], text = '') => {
    const surveys = await readSurveys(c);
    const view = pageView(c);
    const props = { view, surveys, raw: surveys, problems, text };
    return render(c, view, SurveysPage(props), problems.length > 0 ? 400 : 200);
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
    return showList(c, problemsOf(saved, t), text);
  });

  const showSurvey = async (c: Context<AppEnv>, extra: Extra = {}) => {
    const id = c.req.param('id') ?? '';
    const view = pageView(c);
    const [survey, stats, courses, experiments] = await Promise.all([
      readSurvey(c, id),
      readStats(c, id),
      courseOptions(c, view.locale),
      listExperiments(c.var.deps, consoleActor(c)),
    ]);
    if (!survey) return message(c, 404, 'not_found.title', 'not_found.text');
    const done = c.req.query('done');
    const props = {
      view,
      survey,
      stats,
      questions: stats ? questionViews(survey.definition, stats, view.locale, view.t) : [],
      raw: stats,
      audience: extra.audience ?? emptyPushForm(),
      problems: extra.problems ?? [],
      provinces: listOptions('provinces', view.locale),
      categories: listOptions('categories', view.locale),
      ...(courses ? { courses } : {}),
      ...(experiments.ok ? { experiments: experiments.value } : {}),
      ...(extra.preview ? { preview: extra.preview } : {}),
      ...(done && ACTIONS.has(done) ? { notice: view.t(`surveys.done.${done}`) } : {}),
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
    const t = pageView(c).t;
    const { deps } = c.var;
    const actor = consoleActor(c);
    const body = await formBody(c);
    const audience = readPushForm(body);
    if (action === 'send' && body.intent === 'preview') {
      const preview = await previewAudience(deps, actor, { audience: formAudience(audience) });
      if (!preview.ok)
        return showSurvey(c, { audience, problems: problemsOf(preview, t), status: 400 });
      return showSurvey(c, { audience, preview: preview.value });
    }
    const outcome =
      action === 'publish'
        ? await publishSurvey(deps, actor, id)
        : action === 'close'
          ? await closeSurvey(deps, actor, id)
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
    return showSurvey(c, { audience, problems: problemsOf(outcome, t), status });
  });
}
