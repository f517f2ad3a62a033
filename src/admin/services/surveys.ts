import {
  closeSurvey as closeStoredSurvey,
  reopenSurvey as reopenStoredSurvey,
  definitionAt,
  publishDraft,
  readMeta,
  saveDraft,
  type Outcome,
} from '../../surveys/io/registry';
import { listSurveys as listStoredSurveys, surveySummary } from '../../surveys/io/summaries';
import type { SurveySummary } from '../../surveys/io/summaries';
import type { SurveyDefinition } from '../../surveys/schema';
import type { SurveyMeta } from '../../surveys/meta';
import { validateSurvey as checkSurvey } from '../../surveys/validate';
import { localizedTextSchema } from '../../core/text';
import type { AuditTarget } from '../audit';
import {
  done,
  forbidden,
  recordAudit,
  refused,
  type Actor,
  type Refusal,
  type ServiceDeps,
  type ServiceOutcome,
} from './service';

/** A survey with its current definition and its draft, as `GET /admin/api/surveys/{id}`. */
export type SurveyDetail = SurveySummary & {
  definition: SurveyDefinition | null;
  draft: SurveyMeta['draft'] | null;
};

/** A refusal of the survey registry, in the services' shape. */
export function registryRefusal(outcome: Exclude<Outcome<unknown>, { ok: true }>): Refusal {
  return refused(
    outcome.status,
    outcome.error,
    outcome.problems ? { problems: outcome.problems } : {},
  );
}

/** A survey as the audit trail names it: its id, and its title when there is one. */
export function surveyTarget(id: string, title?: unknown): AuditTarget {
  const named = localizedTextSchema.safeParse(title);
  return { kind: 'survey', id, ...(named.success ? { title: named.data } : {}) };
}

/** Every survey (content and API) with its version, status and live counts. */
export async function listSurveys(
  deps: ServiceDeps,
  actor: Actor,
): Promise<ServiceOutcome<SurveySummary[]>> {
  return forbidden(actor, 'listSurveys') ?? done(await listStoredSurveys(deps));
}

/** A survey: its summary, current definition and draft. */
export async function getSurvey(
  deps: ServiceDeps,
  actor: Actor,
  id: string,
): Promise<ServiceOutcome<SurveyDetail>> {
  const refusal = forbidden(actor, 'getSurvey');
  if (refusal) return refusal;
  const summary = await surveySummary(deps, id);
  if (!summary) return refused(404, 'not_found');
  const meta = await readMeta(deps.store, id);
  const definition = await definitionAt(deps, id);
  return done({ ...summary, definition: definition ?? null, draft: meta?.draft ?? null });
}

/**
 * Create or update a draft from a definition (`undefined`: the body was not JSON); a
 * refusal lists every problem.
 */
export async function saveSurveyDraft(
  deps: ServiceDeps,
  actor: Actor,
  definition: unknown,
): Promise<ServiceOutcome<{ id: string; version: number; created: boolean }>> {
  const refusal = forbidden(actor, 'saveSurveyDraft');
  if (refusal) return refusal;
  if (definition === undefined)
    return refused(400, 'invalid_survey', {
      problems: [{ path: '', message: 'send a JSON object', key: 'notObject' }],
    });
  const saved = await saveDraft(deps, definition, actor.label);
  if (!saved.ok) return registryRefusal(saved);
  const { id, version, created } = saved.value;
  const title = (definition as { title?: unknown } | null)?.title;
  await recordAudit(deps, actor, {
    action: 'survey.save',
    target: surveyTarget(id, title),
    details: { version, created },
  });
  return saved;
}

/** Check a definition without saving it; a refusal lists every problem. */
export async function validateSurvey(
  deps: ServiceDeps,
  actor: Actor,
  definition: unknown,
): Promise<ServiceOutcome<{ ok: true; problems: [] }>> {
  const refusal = forbidden(actor, 'validateSurvey');
  if (refusal) return refusal;
  const record = typeof definition === 'object' && definition !== null ? definition : {};
  const checked = checkSurvey({ version: 1, ...record });
  if (!checked.ok) return refused(400, 'invalid_survey', { problems: checked.problems });
  // Recorded as the API always has: a change-shaped call, its target the last path segment.
  await recordAudit(deps, actor, {
    action: 'survey.validate',
    target: surveyTarget(checked.survey.id, checked.survey.title),
  });
  return done({ ok: true, problems: [] });
}

/** Freeze the draft as the next version and open it. */
export async function publishSurvey(
  deps: ServiceDeps,
  actor: Actor,
  id: string,
): Promise<ServiceOutcome<{ id: string; version: number; status: 'open' }>> {
  const refusal = forbidden(actor, 'publishSurvey');
  if (refusal) return refusal;
  const published = await publishDraft(deps, id, actor.label);
  if (!published.ok) return registryRefusal(published);
  const definition = await definitionAt(deps, published.value.id, published.value.version);
  await recordAudit(deps, actor, {
    action: 'survey.publish',
    target: surveyTarget(published.value.id, definition?.title),
    details: { version: published.value.version },
  });
  return done({ ...published.value, status: 'open' });
}

/** Stop taking answers; the survey's summary after closing. */
export async function closeSurvey(
  deps: ServiceDeps,
  actor: Actor,
  id: string,
): Promise<ServiceOutcome<SurveySummary | undefined>> {
  const refusal = forbidden(actor, 'closeSurvey');
  if (refusal) return refusal;
  const closed = await closeStoredSurvey(deps, id);
  if (!closed.ok) return registryRefusal(closed);
  const summary = await surveySummary(deps, closed.value.id);
  await recordAudit(deps, actor, {
    action: 'survey.close',
    target: surveyTarget(summary?.id ?? id, summary?.title),
  });
  return done(summary);
}

/** Take answers again after a close; the survey's summary after reopening. */
export async function reopenSurvey(
  deps: ServiceDeps,
  actor: Actor,
  id: string,
): Promise<ServiceOutcome<SurveySummary | undefined>> {
  const refusal = forbidden(actor, 'reopenSurvey');
  if (refusal) return refusal;
  const reopened = await reopenStoredSurvey(deps, id);
  if (!reopened.ok) return registryRefusal(reopened);
  const summary = await surveySummary(deps, reopened.value.id);
  await recordAudit(deps, actor, {
    action: 'survey.reopen',
    target: surveyTarget(summary?.id ?? id, summary?.title),
  });
  return done(summary);
}
