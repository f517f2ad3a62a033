import type { Audience, Recipient } from '../../broadcast/audience';
import type { JobFilter } from '../../broadcast/choices';
import { createJob, jobRecipients, jobStatus, type PlannerDeps } from '../../broadcast/planner';
import type { Locale } from '../../core/message';
import type { Translate } from '../../core/text';
import { currentVersion, currentWave, type SurveyMeta, type Wave } from '../meta';
import type { SurveyDefinition } from '../schema';
import type { WaveLayout } from '../waves-layout';
import { defaultMessages, inviteChoices } from './invitations';
import { SURVEY_FILTER } from './invite-filter';
import {
  contentSurvey,
  definitionAt,
  readMeta,
  refuse,
  stateOf,
  withSurvey,
  type Outcome,
  type RegistryDeps,
} from './registry';
import { surveyCounts, type SurveyCounts } from './stats';
import { formatWaveTable, type WaveTable } from './wave-filter';

/** What starting a panel wave takes. */
export interface WaveInput {
  /** The wave expected to start (the next one): a retry of a lost answer names it again. */
  wave?: number;
  audience: Wave['audience'];
  messages?: Partial<Record<Locale, string>>;
  sendAt?: string;
}

/** A wave started (or found started by an earlier try of the same request). */
export interface WaveStarted {
  wave: number;
  version: number;
  jobId: string;
  recipients: number;
  /** True when the wave had started already: nothing new was sent. */
  replayed: boolean;
}

/** The broadcast id of a wave: the same for every try, so a wave is sent once. */
export function waveJobId(id: string, version: number, wave: number): string {
  return `survey-${id}-v${version}-w${wave}`;
}

/** The tables of the waves before `wave`: wave 1 under every version it ran with. */
function earlierTables(meta: SurveyMeta, survey: SurveyDefinition, wave: number): WaveTable[] {
  const firstVersions = new Set<number>([
    survey.version,
    ...meta.versions.map((v) => v.version),
    ...meta.invitations.filter((i) => (i.wave ?? 1) === 1).map((i) => i.version),
  ]);
  const later = (meta.waves ?? []).filter((w) => w.wave < wave);
  return [
    ...[...firstVersions].map((version) => ({ wave: 1, version })),
    ...later.map((w) => ({ wave: w.wave, version: w.version })),
  ];
}

type Planned = { wave: number; audience: Audience; filter: JobFilter };

/** Check the next wave may start now and work out its audience and filter. */
async function plan(
  deps: RegistryDeps & { planner: PlannerDeps },
  meta: SurveyMeta,
  survey: SurveyDefinition,
  input: WaveInput,
): Promise<Outcome<Planned>> {
  if (!contentSurvey(deps, meta.id) && currentVersion(meta) === undefined)
    return refuse(409, 'not_published');
  const state = stateOf(deps, meta, survey, await deps.store.counters());
  if (state !== 'open' && state !== 'full') return refuse(409, 'survey_not_open');
  const wave = currentWave(meta) + 1;
  if (input.wave !== undefined && input.wave !== wave) return refuse(409, 'wave_not_next');
  for (const earlier of meta.invitations) {
    const status = (await jobStatus(deps.store, earlier.jobId))?.status;
    if (status === 'running' || status === 'scheduled') return refuse(409, 'invitation_running');
  }
  // The survey's audience: the last first-wave invitation's, or everyone who consented.
  const invited = meta.invitations.filter((i) => i.kind === 'invite' && (i.wave ?? 1) === 1);
  const audience: Audience = invited.at(-1)?.audience ?? { all: true };
  const params = {
    survey: meta.id,
    version: survey.version,
    mode: 'wave',
    wave,
    from: input.audience,
    tables: earlierTables(meta, survey, wave).map(formatWaveTable),
  };
  return { ok: true, value: { wave, audience, filter: { name: SURVEY_FILTER, params } } };
}

/** Who the next wave reaches now, and why nobody when it reaches nobody. */
export interface WaveReach {
  wave: number;
  recipients: Recipient[];
  /** `no_respondents`: nobody answered an earlier wave; `audience_empty`: nobody to send to. */
  nobody?: 'no_respondents' | 'audience_empty';
}

async function reach(
  deps: { planner: PlannerDeps },
  planned: Planned,
  from: Wave['audience'],
): Promise<WaveReach> {
  const recipients = await jobRecipients(deps.planner, planned.audience, planned.filter);
  if (recipients.length > 0) return { wave: planned.wave, recipients };
  return {
    wave: planned.wave,
    recipients,
    nobody: from === 'respondents' ? 'no_respondents' : 'audience_empty',
  };
}

const emptyMeta = (id: string): SurveyMeta => ({
  id,
  status: 'open',
  versions: [],
  invitations: [],
});

/** Who the next wave would reach if started now, through the job's own filter; nothing stored. */
export async function previewWave(
  deps: RegistryDeps & { planner: PlannerDeps },
  id: string,
  input: WaveInput,
): Promise<Outcome<WaveReach>> {
  const survey = await definitionAt(deps, id);
  if (!survey) return refuse(404, 'not_found');
  const planned = await plan(
    deps,
    (await readMeta(deps.store, id)) ?? emptyMeta(id),
    survey,
    input,
  );
  if (!planned.ok) return planned;
  return { ok: true, value: await reach(deps, planned.value, input.audience) };
}

/**
 * Start the next panel wave: the survey goes again, through one broadcast job, to those who
 * answered an earlier wave or to its whole audience, and new answers are kept as that wave's.
 * Idempotent: a request naming the wave that is already the current one answers with it
 * (`replayed`), and the job's id is fixed per survey, version and wave, so a retry never
 * sends twice nor starts the wave after. A wave that would reach nobody is refused (409).
 */
export async function startWave(
  deps: RegistryDeps & { planner: PlannerDeps; t: Translate },
  id: string,
  input: WaveInput,
  by: string,
): Promise<Outcome<WaveStarted>> {
  const survey = await definitionAt(deps, id);
  if (!survey) return refuse(404, 'not_found');
  return withSurvey<WaveStarted>(deps, id, async (stored) => {
    const meta = stored ?? emptyMeta(id);
    const last = meta.waves?.at(-1);
    if (last && input.wave === last.wave) {
      const { wave, version, jobId, recipients } = last;
      return { outcome: { ok: true, value: { wave, version, jobId, recipients, replayed: true } } };
    }
    const planned = await plan(deps, meta, survey, input);
    if (!planned.ok) return { outcome: planned };
    const { wave, audience, filter } = planned.value;
    const jobId = waveJobId(id, survey.version, wave);
    // A try that created the job but lost the metadata's save: keep the job, send nothing new.
    const existing = await jobStatus(deps.store, jobId);
    let recipients = existing?.counts.audience ?? 0;
    if (!existing) {
      const reached = await reach(deps, planned.value, input.audience);
      if (reached.nobody) return { outcome: refuse(409, reached.nobody) };
      recipients = reached.recipients.length;
      await createJob(
        { ...deps.planner, newId: () => jobId },
        {
          audience,
          messages: input.messages ?? defaultMessages(survey, deps.t, 'surveys.invite.wave'),
          kind: 'survey_invite',
          choices: inviteChoices(id, deps.t),
          ...(input.sendAt ? { sendAt: input.sendAt } : {}),
        },
        by,
        filter,
      );
    }
    const at = deps.now();
    const record: Wave = {
      wave,
      version: survey.version,
      at,
      by,
      audience: input.audience,
      jobId,
      recipients,
    };
    const invitation = {
      jobId,
      kind: 'invite' as const,
      version: survey.version,
      at,
      audience,
      wave,
    };
    return {
      save: {
        ...meta,
        waves: [...(meta.waves ?? []), record],
        invitations: [...meta.invitations, invitation],
      },
      outcome: {
        ok: true,
        value: { wave, version: survey.version, jobId, recipients, replayed: false },
      },
    };
  });
}

/**
 * The waves an export of a survey version holds, in the layout asked for; undefined for a
 * survey never sent again (its export stays as it was, with no `wave` column).
 */
export async function exportWaves(
  store: RegistryDeps['store'],
  id: string,
  version: number,
  layout: WaveLayout['layout'],
): Promise<WaveLayout | undefined> {
  const later = (await readMeta(store, id))?.waves ?? [];
  if (later.length === 0) return undefined;
  const waves = [1, ...later.filter((w) => w.version === version).map((w) => w.wave)];
  return { waves, layout };
}

/** One panel wave's response funnel. */
export type WaveCounts = SurveyCounts & { wave: number };

/**
 * The response funnel wave by wave (wave 1 first) of a survey version; undefined for a
 * survey never sent again.
 */
export async function waveCounts(
  store: RegistryDeps['store'],
  id: string,
  version: number,
  meta: SurveyMeta | undefined,
): Promise<WaveCounts[] | undefined> {
  const later = meta?.waves ?? [];
  if (later.length === 0) return undefined;
  const waves = [1, ...later.filter((w) => w.version === version).map((w) => w.wave)];
  return Promise.all(
    waves.map(async (wave) => ({ wave, ...(await surveyCounts(store, id, version, meta, wave)) })),
  );
}
