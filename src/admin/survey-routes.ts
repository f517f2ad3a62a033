import { Hono, type Context } from 'hono';
import type { AppEnv } from '../http/types';
import { apiActor, refusalJson } from './api-answer';
import { requireOperation } from './auth';
import { consoleLocale } from './console/i18n';
import { surveyMedia } from './services/media';
import { importSurvey, MAX_XLSFORM_BYTES } from './services/survey-import';
import { exportSurvey, inviteToSurvey, surveyStats } from './services/survey-results';
import { startSurveyWave } from './services/waves';
import {
  closeSurvey,
  reopenSurvey,
  getSurvey,
  listSurveys,
  publishSurvey,
  saveSurveyDraft,
  validateSurvey,
} from './services/surveys';
import type { ServiceOutcome } from './services/service';

export * from './survey-schemas';

type C = Context<AppEnv>;

async function jsonBody(c: C): Promise<unknown> {
  return c.req.json().catch(() => undefined);
}

/** Answer a service's outcome: its value as JSON with `status`, or its refusal. */
async function answer<T>(
  c: C,
  run: (actor: Awaited<ReturnType<typeof apiActor>>) => Promise<ServiceOutcome<T>>,
  status: (value: T) => 200 | 201 = () => 200,
): Promise<Response> {
  const actor = await apiActor(c);
  const outcome = await run(actor);
  return outcome.ok ? c.json(outcome.value, status(outcome.value)) : refusalJson(c, outcome, actor);
}

/**
 * `/admin/api/surveys` (researcher role): list, draft, validate, publish, send, remind,
 * close, live statistics and streamed exports.
 */
export function surveyRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/surveys', requireOperation('listSurveys'), (c) =>
    answer(c, (actor) => listSurveys(c.var.deps, actor)),
  );

  app.post('/surveys', requireOperation('saveSurveyDraft'), async (c) => {
    const body = await jsonBody(c);
    const actor = await apiActor(c);
    const saved = await saveSurveyDraft(c.var.deps, actor, body);
    if (!saved.ok) return refusalJson(c, saved, actor);
    const { id, version, created } = saved.value;
    return c.json({ id, status: 'draft', version }, created ? 201 : 200);
  });

  app.post('/surveys/import', requireOperation('importSurvey'), async (c) => {
    const actor = await apiActor(c);
    const declared = Number(c.req.header('Content-Length') ?? 0);
    const tooLarge = () => c.json({ error: 'too_large', limit: MAX_XLSFORM_BYTES }, 413);
    if (declared > MAX_XLSFORM_BYTES) return tooLarge();
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    if (bytes.length > MAX_XLSFORM_BYTES) return tooLarge();
    const imported = await importSurvey(c.var.deps, actor, { bytes, locale: consoleLocale(c) });
    if (!imported.ok) return refusalJson(c, imported, actor);
    const { id, version, created } = imported.value;
    return c.json({ id, status: 'draft', version }, created ? 201 : 200);
  });

  app.post('/surveys/validate', requireOperation('validateSurvey'), async (c) => {
    const body = await jsonBody(c);
    return answer(c, (actor) => validateSurvey(c.var.deps, actor, body));
  });

  app.get('/surveys/:id', requireOperation('getSurvey'), (c) =>
    answer(c, (actor) => getSurvey(c.var.deps, actor, c.req.param('id'))),
  );

  app.post('/surveys/:id/publish', requireOperation('publishSurvey'), (c) =>
    answer(c, (actor) => publishSurvey(c.var.deps, actor, c.req.param('id'))),
  );

  for (const mode of ['send', 'remind'] as const) {
    const operation = mode === 'send' ? 'sendSurvey' : 'remindSurvey';
    app.post(`/surveys/:id/${mode}`, requireOperation(operation), async (c) => {
      const body = await jsonBody(c);
      const id = c.req.param('id');
      return answer(
        c,
        (actor) => inviteToSurvey(c.var.deps, actor, { id, mode, body }),
        () => 201,
      );
    });
  }

  app.post('/surveys/:id/waves', requireOperation('startSurveyWave'), async (c) => {
    const body = await jsonBody(c);
    const id = c.req.param('id');
    return answer(
      c,
      (actor) => startSurveyWave(c.var.deps, actor, { id, body }),
      (value) => (value.replayed ? 200 : 201),
    );
  });

  app.post('/surveys/:id/close', requireOperation('closeSurvey'), (c) =>
    answer(c, (actor) => closeSurvey(c.var.deps, actor, c.req.param('id'))),
  );

  app.post('/surveys/:id/reopen', requireOperation('reopenSurvey'), (c) =>
    answer(c, (actor) => reopenSurvey(c.var.deps, actor, c.req.param('id'))),
  );

  app.get('/surveys/:id/stats', requireOperation('surveyStats'), (c) =>
    answer(c, (actor) =>
      surveyStats(c.var.deps, actor, { id: c.req.param('id'), query: c.req.query() }),
    ),
  );

  app.get('/surveys/:id/export', requireOperation('exportSurvey'), async (c) => {
    const actor = await apiActor(c);
    const input = { id: c.req.param('id'), query: c.req.query() };
    const exported = await exportSurvey(c.var.deps, actor, input);
    if (!exported.ok) return refusalJson(c, exported, actor);
    const { stream, name, type } = exported.value;
    return new Response(stream, {
      headers: {
        'Content-Type': type,
        'Content-Disposition': `attachment; filename="${name}"`,
        'Cache-Control': 'no-store',
      },
    });
  });

  // The key holds slashes: it comes as one encoded segment (the export's links).
  app.get('/surveys/:id/media/:key', requireOperation('surveyMedia'), async (c) => {
    const actor = await apiActor(c);
    const input = { id: c.req.param('id'), key: c.req.param('key') };
    const media = await surveyMedia(c.var.deps, actor, input);
    if (!media.ok) return refusalJson(c, media, actor);
    const { body, type, size } = media.value;
    return new Response(body, {
      headers: {
        'Content-Type': type,
        'Content-Length': String(size),
        'Cache-Control': 'private, no-store',
      },
    });
  });

  return app;
}
