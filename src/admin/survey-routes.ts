import { Hono, type Context } from 'hono';
import { fieldErrors } from '../http/field-errors';
import type { AppEnv } from '../http/types';
import { EXPORT_TYPES, exportStream } from '../surveys/io/export';
import { sendInvitations } from '../surveys/io/invitations';
import {
  closeSurvey,
  definitionAt,
  publishDraft,
  readMeta,
  saveDraft,
  type Outcome,
  type RegistryDeps,
} from '../surveys/io/registry';
import { questionStats, surveyCounts, textAnswers } from '../surveys/io/stats';
import { listSurveys, surveySummary } from '../surveys/io/summaries';
import { validateSurvey, type SurveyProblem } from '../surveys/validate';
import { requireRole } from './auth';
import {
  surveyExportQuerySchema,
  surveyRemindBodySchema,
  surveySendBodySchema,
  surveyStatsQuerySchema,
} from './survey-schemas';

export * from './survey-schemas';

type C = Context<AppEnv>;

const registry = (c: C): RegistryDeps => c.var.deps;
const actor = (c: C) => c.var.actor?.label ?? 'unknown';

/** 400 with every problem, as a list and in the `fields` shape the other APIs use. */
function problems(c: C, list: readonly SurveyProblem[], error = 'invalid_survey') {
  const fields: Record<string, string[]> = {};
  for (const p of list) (fields[p.path || 'body'] ??= []).push(p.message);
  return c.json({ error, problems: list, fields }, 400);
}

function refusal<T>(c: C, outcome: Exclude<Outcome<T>, { ok: true }>) {
  if (outcome.problems) return problems(c, outcome.problems, outcome.error);
  return c.json({ error: outcome.error }, outcome.status);
}

async function jsonBody(c: C): Promise<unknown> {
  return c.req.json().catch(() => undefined);
}

/**
 * `/admin/api/surveys` (researcher role): list, draft, validate, publish, send, remind,
 * close, live statistics and streamed exports.
 */
export function surveyRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('/surveys', requireRole('researcher'));
  app.use('/surveys/*', requireRole('researcher'));

  app.get('/surveys', async (c) => c.json(await listSurveys(registry(c))));

  app.post('/surveys', async (c) => {
    const body = await jsonBody(c);
    if (body === undefined) return problems(c, [{ path: '', message: 'send a JSON object' }]);
    const saved = await saveDraft(registry(c), body, actor(c));
    if (!saved.ok) return refusal(c, saved);
    const { id, version, created } = saved.value;
    return c.json({ id, status: 'draft', version }, created ? 201 : 200);
  });

  app.post('/surveys/validate', async (c) => {
    const body = await jsonBody(c);
    const record = typeof body === 'object' && body !== null ? body : {};
    const checked = validateSurvey({ version: 1, ...record });
    return checked.ok ? c.json({ ok: true, problems: [] }) : problems(c, checked.problems);
  });

  app.get('/surveys/:id', async (c) => {
    const id = c.req.param('id');
    const summary = await surveySummary(registry(c), id);
    if (!summary) return c.json({ error: 'not_found' }, 404);
    const meta = await readMeta(c.var.deps.store, id);
    const definition = await definitionAt(registry(c), id);
    return c.json({ ...summary, definition: definition ?? null, draft: meta?.draft ?? null });
  });

  app.post('/surveys/:id/publish', async (c) => {
    const published = await publishDraft(registry(c), c.req.param('id'), actor(c));
    if (!published.ok) return refusal(c, published);
    return c.json({ ...published.value, status: 'open' });
  });

  for (const mode of ['send', 'remind'] as const) {
    app.post(`/surveys/:id/${mode}`, async (c) => {
      const schema = mode === 'send' ? surveySendBodySchema : surveyRemindBodySchema;
      const parsed = schema.safeParse(await jsonBody(c));
      if (!parsed.success)
        return c.json({ error: 'invalid_request', fields: fieldErrors(parsed.error) }, 400);
      const deps = { ...registry(c), planner: c.var.deps.planner, t: c.var.deps.program.t };
      const kind = mode === 'send' ? 'invite' : 'reminder';
      const sent = await sendInvitations(deps, c.req.param('id'), kind, parsed.data, actor(c));
      if (!sent.ok) return refusal(c, sent);
      return c.json(
        { id: sent.value.jobId, survey: c.req.param('id'), version: sent.value.version },
        201,
      );
    });
  }

  app.post('/surveys/:id/close', async (c) => {
    const closed = await closeSurvey(registry(c), c.req.param('id'));
    if (!closed.ok) return refusal(c, closed);
    return c.json(await surveySummary(registry(c), closed.value.id));
  });

  app.get('/surveys/:id/stats', async (c) => {
    const query = surveyStatsQuerySchema.safeParse(c.req.query());
    if (!query.success)
      return c.json({ error: 'invalid_request', fields: fieldErrors(query.error) }, 400);
    const id = c.req.param('id');
    const survey = await definitionAt(registry(c), id, query.data.version);
    if (!survey) return c.json({ error: 'not_found' }, 404);
    const store = c.var.deps.store;
    if (query.data.question !== undefined) {
      const q = survey.questions.find((x) => x.id === query.data.question);
      const typed =
        q &&
        (q.type === 'text' ||
          ((q.type === 'single_choice' || q.type === 'multiple_choice') && q.other));
      if (!q || !typed)
        return c.json(
          {
            error: 'invalid_request',
            fields: { question: ['not a text question, nor one with "Other"'] },
          },
          400,
        );
      const page = await textAnswers(store, survey, q, query.data.cursor, query.data.limit);
      return c.json({ question: q.id, ...page });
    }
    const counts = await surveyCounts(store, id, survey.version, await readMeta(store, id));
    return c.json({
      id,
      version: survey.version,
      counts,
      questions: await questionStats(store, survey),
    });
  });

  app.get('/surveys/:id/export', async (c) => {
    const query = surveyExportQuerySchema.safeParse(c.req.query());
    if (!query.success)
      return c.json({ error: 'invalid_request', fields: fieldErrors(query.error) }, 400);
    const { format, labels, version } = query.data;
    const survey = await definitionAt(registry(c), c.req.param('id'), version);
    if (!survey) return c.json({ error: 'not_found' }, 404);
    const stream = exportStream(c.var.deps.store, survey, format, {
      t: c.var.deps.program.t,
      ...(labels ? { labels } : {}),
    });
    const name = `${survey.id}-v${survey.version}${labels ? `-${labels}` : ''}.${EXPORT_TYPES[format].ext}`;
    return new Response(stream, {
      headers: {
        'Content-Type': EXPORT_TYPES[format].type,
        'Content-Disposition': `attachment; filename="${name}"`,
        'Cache-Control': 'no-store',
      },
    });
  });

  return app;
}
