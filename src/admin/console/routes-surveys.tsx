import type { Context, Hono } from 'hono';
import type { AppEnv } from '../../http/types';
import { audiencePreviewSchema, type AudiencePreview } from '../api-schemas';
import { textAnswersPageSchema } from '../survey-schemas';
import type { T } from './i18n';
import { listOptions } from './lists';
import { formBody, message, page, pageView, render, type ConsoleKit } from './page-kit';
import { AnswersPage, type TypedAnswer } from './pages/answers';
import { SurveyPage } from './pages/survey';
import { SurveysPage, type Problem } from './pages/surveys';
import { emptyPushForm, formAudience, readPushForm, type PushForm } from './push-form';
import { questionViews } from './survey-stats';
import { courseOptions, inLocale, readStats, readSurvey, readSurveys } from './surveys-api';

const ACTIONS = new Set(['publish', 'close', 'send', 'remind']);

/** Every problem an API answer lists (`problems: [{path, message}]`), else its error code. */
export function problemsOf(body: unknown, t: T): Problem[] {
  if (typeof body !== 'object' || body === null) return [{ path: '', message: t('failed.text') }];
  const b = body as { problems?: unknown; fields?: unknown; error?: unknown };
  if (Array.isArray(b.problems) && b.problems.length > 0)
    return b.problems.map((p: { path?: unknown; message?: unknown }) => ({
      path: String(p.path ?? ''),
      message: String(p.message ?? ''),
    }));
  if (typeof b.fields === 'object' && b.fields !== null)
    return Object.entries(b.fields as Record<string, unknown>).flatMap(([path, list]) =>
      (Array.isArray(list) ? list : [list]).map((m) => ({ path, message: String(m) })),
    );
  const code = typeof b.error === 'string' ? b.error : 'failed';
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
export function surveyPages(app: Hono<AppEnv>, kit: ConsoleKit): void {
  const researcher = page('researcher');

  const showList = async (c: Context<AppEnv>, problems: Problem[] = [], text = '') => {
    const list = await readSurveys(kit, c);
    const view = pageView(c);
    const props = { view, surveys: list.data, raw: list.raw, problems, text };
    return render(c, view, SurveysPage(props), problems.length > 0 ? 400 : 200);
  };

  app.get('/admin/surveys', researcher, (c) => showList(c));

  app.post('/admin/surveys', researcher, async (c) => {
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
    const answer = await kit.api(c, 'POST', '/admin/api/surveys', definition);
    const id = (answer.body as { id?: unknown } | null)?.id;
    if (answer.status < 300 && typeof id === 'string')
      return c.redirect(`/admin/surveys/${encodeURIComponent(id)}?done=saved`, 303);
    return showList(c, problemsOf(answer.body, t), text);
  });

  const showSurvey = async (c: Context<AppEnv>, extra: Extra = {}) => {
    const id = c.req.param('id') ?? '';
    const view = pageView(c);
    const [survey, stats, courses] = await Promise.all([
      readSurvey(kit, c, id),
      readStats(kit, c, id),
      courseOptions(kit, c, view.locale),
    ]);
    if (!survey.data) return message(c, 404, 'not_found.title', 'not_found.text');
    const done = c.req.query('done');
    const props = {
      view,
      survey: survey.data,
      stats: stats.data,
      questions: stats.data
        ? questionViews(survey.data.definition, stats.data, view.locale, view.t)
        : [],
      raw: stats.raw,
      audience: extra.audience ?? emptyPushForm(),
      problems: extra.problems ?? [],
      provinces: listOptions('provinces', view.locale),
      categories: listOptions('categories', view.locale),
      ...(courses ? { courses } : {}),
      ...(extra.preview ? { preview: extra.preview } : {}),
      ...(done && ACTIONS.has(done) ? { notice: view.t(`surveys.done.${done}`) } : {}),
      ...(done === 'saved' ? { notice: view.t('surveys.done.saved') } : {}),
    };
    return render(c, view, SurveyPage(props), extra.status ?? 200);
  };

  app.get('/admin/surveys/:id', researcher, (c) => showSurvey(c));

  app.get('/admin/surveys/:id/answers/:question', researcher, async (c) => {
    const { id, question } = c.req.param();
    const view = pageView(c);
    const survey = await readSurvey(kit, c, id);
    const q = survey.data?.definition?.questions.find((x) => x.id === question);
    if (!survey.data || !q) return message(c, 404, 'not_found.title', 'not_found.text');
    // A page of the scan may hold few typed answers: read on until 50 or five pages.
    const answers: TypedAnswer[] = [];
    let cursor = (c.req.query('cursor') ?? '0').slice(0, 300);
    for (let i = 0; i < 5 && answers.length < 50; i++) {
      const query = new URLSearchParams({ question, cursor, limit: '100' });
      const answer = await kit.api(
        c,
        'GET',
        `/admin/api/surveys/${encodeURIComponent(id)}/stats?${query}`,
      );
      const page = textAnswersPageSchema.safeParse(answer.body);
      if (!page.success) return message(c, 404, 'not_found.title', 'not_found.text');
      answers.push(...page.data.answers.map((a) => ({ text: a.text, at: a.at })));
      cursor = page.data.cursor;
      if (cursor === '0') break;
    }
    const props = {
      view,
      surveyId: id,
      surveyTitle: inLocale(survey.data.title, view.locale) || id,
      question: inLocale(q.text, view.locale),
      answers,
      ...(cursor !== '0' ? { next: cursor } : {}),
    };
    return render(c, view, AnswersPage(props));
  });

  app.post('/admin/surveys/:id/:action', researcher, async (c) => {
    const { id, action } = c.req.param();
    if (!ACTIONS.has(action)) return message(c, 404, 'not_found.title', 'not_found.text');
    const t = pageView(c).t;
    const body = await formBody(c);
    const audience = readPushForm(body);
    if (action === 'send' && body.intent === 'preview') {
      const answer = await kit.api(c, 'POST', '/admin/api/audience/preview', {
        audience: formAudience(audience),
      });
      const preview = audiencePreviewSchema.safeParse(answer.body);
      if (!preview.success)
        return showSurvey(c, { audience, problems: problemsOf(answer.body, t), status: 400 });
      return showSurvey(c, { audience, preview: preview.data });
    }
    const payload =
      action === 'send'
        ? { audience: formAudience(audience) }
        : action === 'remind'
          ? {}
          : undefined;
    const answer = await kit.api(
      c,
      'POST',
      `/admin/api/surveys/${encodeURIComponent(id)}/${action}`,
      payload,
    );
    if (answer.status < 300)
      return c.redirect(`/admin/surveys/${encodeURIComponent(id)}?done=${action}`, 303);
    // 503: no broadcast queue in this deploy (problemsOf words it); anything else is the form's.
    const status = answer.status === 503 ? 503 : 400;
    return showSurvey(c, { audience, problems: problemsOf(answer.body, t), status });
  });
}
