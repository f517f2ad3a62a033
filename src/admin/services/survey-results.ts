import { jobStatus, type JobStatus } from '../../broadcast/planner';
import { BroadcastQueueMissingError } from '../../broadcast/queue';
import { armsByPseudonym, readExperiments } from '../../experiments/io/registry';
import { fieldIssue, issuesOf } from '../../http/bad-request';
import { EXPORT_TYPES, exportStream } from '../../surveys/io/export';
import { previewInvitation, sendInvitations } from '../../surveys/io/invitations';
import { exportWaves, waveCounts } from '../../surveys/io/waves';
import { definitionAt, readMeta } from '../../surveys/io/registry';
import { listWithdrawals, type Withdrawal } from '../../surveys/io/withdrawals';
import { profilesByPseudonym } from '../../surveys/io/profiles';
import { questionStats, surveyCounts, textAnswers } from '../../surveys/io/stats';
import {
  surveyExportQuerySchema,
  surveyRemindBodySchema,
  surveySendBodySchema,
  surveyStatsQuerySchema,
} from '../survey-schemas';
import type { AudiencePreview } from '../api-schemas';
import { queueMissing } from './broadcasts';
import {
  done,
  forbidden,
  recordAudit,
  refused,
  type Actor,
  type ServiceDeps,
  type ServiceOutcome,
  permittedInput,
  invalidInput,
} from './service';
import { registryRefusal, surveyTarget } from './surveys';

type Stats = { id: string; version: number } & {
  waves?: Awaited<ReturnType<typeof waveCounts>>;
  counts: Awaited<ReturnType<typeof surveyCounts>>;
  questions: Awaited<ReturnType<typeof questionStats>>;
};
type TextPage = { question: string } & Awaited<ReturnType<typeof textAnswers>>;

/** An invitation preview: the counts, and why nobody when it reaches nobody. */
export type InvitationPreview = AudiencePreview & { nobody?: string };

/**
 * Exactly who `send` (with this body) or `remind` would reach now, through the same filter
 * the job runs (so people already invited, or finished, are not counted), by channel and
 * language. Nothing is stored. Without a broadcast queue nothing could be sent: 503.
 */
export async function previewSurveyInvitation(
  deps: ServiceDeps,
  actor: Actor,
  input: { id: string; mode: 'send' | 'remind'; body: unknown },
): Promise<ServiceOutcome<InvitationPreview>> {
  const { id } = input;
  const request = invitationRequest(actor, input);
  if (!request.ok) return request;
  const { kind, body } = request.value;
  let reach;
  try {
    reach = await previewInvitation(deps, id, kind, body);
  } catch (error) {
    if (error instanceof BroadcastQueueMissingError) return queueMissing();
    throw error;
  }
  if (!reach.ok) return registryRefusal(reach);
  const byChannel: Record<string, number> = {};
  const byLocale: Record<string, number> = {};
  for (const r of reach.value.recipients) {
    byChannel[r.channel] = (byChannel[r.channel] ?? 0) + 1;
    byLocale[r.locale] = (byLocale[r.locale] ?? 0) + 1;
  }
  const size = reach.value.recipients.length;
  return done({
    size,
    byChannel,
    byLocale,
    ...(reach.value.nobody ? { nobody: reach.value.nobody } : {}),
  });
}

/**
 * What a send or remind request asks, once its actor may and its body parses: the
 * invitation kind and the body. Shared by the preview and the send, so both read alike.
 */
function invitationRequest(actor: Actor, input: { mode: 'send' | 'remind'; body: unknown }) {
  const refusal = forbidden(actor, input.mode === 'send' ? 'sendSurvey' : 'remindSurvey');
  if (refusal) return refusal;
  const schema = input.mode === 'send' ? surveySendBodySchema : surveyRemindBodySchema;
  const parsed = schema.safeParse(input.body);
  if (!parsed.success) return invalidInput(issuesOf(parsed.error, { input: input.body }));
  return done({
    kind: input.mode === 'send' ? ('invite' as const) : ('reminder' as const),
    body: parsed.data,
  });
}

/**
 * Invite an audience to a survey (`send`) or remind who was invited and has not finished
 * (`remind`), through a broadcast job; the job's id.
 */
export async function inviteToSurvey(
  deps: ServiceDeps,
  actor: Actor,
  input: { id: string; mode: 'send' | 'remind'; body: unknown },
): Promise<ServiceOutcome<{ id: string; survey: string; version: number; audience: number }>> {
  const { id, mode } = input;
  const request = invitationRequest(actor, input);
  if (!request.ok) return request;
  const { kind, body } = request.value;
  const inviting = { ...deps, t: deps.program.t };
  try {
    const sent = await sendInvitations(inviting, id, kind, body, actor.label);
    if (!sent.ok) return registryRefusal(sent);
    const { jobId, version, audience } = sent.value;
    const definition = await definitionAt(deps, id, version);
    await recordAudit(deps, actor, {
      action: mode === 'send' ? 'survey.invite' : 'survey.remind',
      target: surveyTarget(id, definition?.title),
      details: { recipients: audience, version, job: jobId },
    });
    return done({ id: jobId, survey: id, version, audience });
  } catch (error) {
    if (error instanceof BroadcastQueueMissingError) return queueMissing();
    throw error;
  }
}

/**
 * Counts and per-question statistics of a survey's version (the current one by default);
 * with `question` in the query, a page of that question's typed answers. The query is
 * as a URL gives it (strings).
 */
export async function surveyStats(
  deps: ServiceDeps,
  actor: Actor,
  input: { id: string; query: unknown },
): Promise<ServiceOutcome<Stats | TextPage>> {
  const refusal = forbidden(actor, 'surveyStats');
  if (refusal) return refusal;
  const query = surveyStatsQuerySchema.safeParse(input.query);
  if (!query.success)
    return invalidInput(issuesOf(query.error, { input: input.query, root: 'query' }));
  const { id } = input;
  const survey = await definitionAt(deps, id, query.data.version);
  if (!survey) return refused(404, 'not_found');
  const store = deps.store;
  if (query.data.question !== undefined) {
    const q = survey.questions.find((x) => x.id === query.data.question);
    const typed =
      q &&
      (q.type === 'text' ||
        ((q.type === 'single_choice' || q.type === 'multiple_choice') && q.other));
    if (!q || !typed) return invalidInput([fieldIssue('question', 'not_text_question')]);
    const page = await textAnswers(store, survey, q, query.data.cursor, query.data.limit);
    return done({ question: q.id, ...page });
  }
  const meta = await readMeta(store, id);
  const counts = await surveyCounts(store, id, survey.version, meta);
  const waves = await waveCounts(store, id, survey.version, meta);
  return done({
    id,
    version: survey.version,
    counts,
    questions: await questionStats(store, survey),
    ...(waves ? { waves } : {}),
  });
}

/** A streamed export of a survey's answers (CSV, JSON Lines) or its codebook, with its name. */
export async function exportSurvey(
  deps: ServiceDeps,
  actor: Actor,
  input: { id: string; query: unknown },
): Promise<ServiceOutcome<{ stream: ReadableStream<Uint8Array>; name: string; type: string }>> {
  const query = permittedInput(
    actor,
    'exportSurvey',
    surveyExportQuerySchema,
    input.query,
    'query',
  );
  if (!query.ok) return query;
  const { format, labels, lang, version, layout, breaks } = query.value;
  const survey = await definitionAt(deps, input.id, version);
  if (!survey) return refused(404, 'not_found');
  const waves = await exportWaves(deps.store, survey.id, survey.version, layout);
  // Every experiment's arms, read before the stream starts (one scan per experiment); the
  // codebook and the scripts need only the experiments, to describe their columns.
  const { ids, arms } =
    format === 'csv' || format === 'jsonl'
      ? await armsByPseudonym(deps.store)
      : { ids: (await readExperiments(deps.store)).map((e) => e.id).sort(), arms: new Map() };
  // Consenting respondents' province and category, read before the stream starts.
  const profiles =
    format === 'csv' || format === 'jsonl'
      ? await profilesByPseudonym(deps.store, deps.surveys.pseudonym)
      : undefined;
  const stream = exportStream(deps.store, survey, format, {
    t: deps.program.t,
    ...(profiles ? { profiles } : {}),
    lang,
    ...(labels ? { labels } : {}),
    ...(breaks === 'space' ? { oneLine: true } : {}),
    ...(ids.length > 0 ? { arms: { ids, byRespondent: arms } } : {}),
    ...(waves ? { waves } : {}),
  });
  const { ext, type } = EXPORT_TYPES[format];
  const script = format === 'stata' || format === 'spss' || format === 'r';
  const oneLine = breaks === 'space' && format === 'csv' ? '-oneline' : '';
  const suffix = script ? `-${lang}` : `${labels ? `-${labels}` : ''}${oneLine}`;
  const wide = waves?.layout === 'wide' ? '-wide' : '';
  const name = `${survey.id}-v${survey.version}${wide}${suffix}.${ext}`;
  await recordAudit(deps, actor, {
    action: 'survey.export',
    target: surveyTarget(survey.id, survey.title),
    details: { format, lang, version: survey.version, ...(labels ? { labels } : {}) },
  });
  return done({ stream, name, type });
}

/** One invitation or reminder of a survey and how its delivery went. */
export interface SurveyDelivery {
  kind: 'invite' | 'reminder';
  version: number;
  at: string;
  job: JobStatus;
}

/**
 * The survey's invitations and reminders, newest first, each with its job's delivery
 * counters (sent, failed, blocked, outside the WeChat window, cancelled, pending), for
 * whoever may read the survey's figures: a researcher sees their invitations go out.
 */
export async function surveyDeliveries(
  deps: ServiceDeps,
  actor: Actor,
  id: string,
): Promise<ServiceOutcome<SurveyDelivery[]>> {
  const refusal = forbidden(actor, 'surveyStats');
  if (refusal) return refusal;
  const meta = await readMeta(deps.store, id);
  const out: SurveyDelivery[] = [];
  for (const i of [...(meta?.invitations ?? [])].reverse()) {
    const job = await jobStatus(deps.store, i.jobId);
    if (job) out.push({ kind: i.kind, version: i.version, at: new Date(i.at).toISOString(), job });
  }
  return done(out);
}

/** Who withdrew from the survey (any version), newest first, with when: to clean downloads. */
export async function surveyWithdrawals(
  deps: ServiceDeps,
  actor: Actor,
  id: string,
): Promise<ServiceOutcome<Withdrawal[]>> {
  const refusal = forbidden(actor, 'surveyStats');
  if (refusal) return refusal;
  const survey = await definitionAt(deps, id);
  if (!survey) return refused(404, 'not_found');
  return done(await listWithdrawals(deps.store, id, survey.version));
}
