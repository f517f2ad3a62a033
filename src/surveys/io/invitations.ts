import type { Audience, Recipient } from '../../broadcast/audience';
import type { JobFilter } from '../../broadcast/choices';
import {
  createJob,
  jobRecipients,
  jobStatus,
  requireQueue,
  type PlannerDeps,
} from '../../broadcast/planner';
import { LOCALES, type Locale } from '../../core/message';
import type { Translate } from '../../core/text';
import { currentVersion, currentWave, type SurveyMeta } from '../meta';
import type { SurveyDefinition } from '../schema';
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

/** What a send or a reminder takes. */
export interface InvitationInput {
  /** Who; a reminder defaults to the audience of the last invitation. */
  audience?: Audience;
  /** The message per language; by default the survey's title and intro. */
  messages?: Partial<Record<Locale, string>>;
  sendAt?: string;
}

/** The invitation text in every language, from the survey's title and intro. */
export function defaultMessages(
  survey: SurveyDefinition,
  t: Translate,
  key: string,
): Record<Locale, string> {
  return Object.fromEntries(
    LOCALES.map((l) => [l, t(l, key, { title: survey.title[l], intro: survey.intro[l] })]),
  ) as Record<Locale, string>;
}

/** Start / Later / No thanks: buttons that run `/survey <id>`, with `later` or `no`. */
export function inviteChoices(id: string, t: Translate) {
  const label = (key: string) =>
    Object.fromEntries(LOCALES.map((l) => [l, t(l, `surveys.invite.${key}`)]));
  return [
    { command: `/survey ${id}`, label: label('start') },
    { command: `/survey ${id} later`, label: label('later') },
    { command: `/survey ${id} no`, label: label('no') },
  ];
}

/** Who an invitation or reminder reaches now, and why nobody when it reaches nobody. */
export interface InvitationReach {
  recipients: Recipient[];
  /** `audience_empty`: nobody matches the audience; `all_invited`: everyone matching was
   * invited already or has finished, declined or withdrawn; `nobody_to_remind`: everyone
   * invited has finished, declined or withdrawn. */
  nobody?: 'audience_empty' | 'all_invited' | 'nobody_to_remind';
}

type Planned = { audience: Audience; filter: JobFilter; invites: SurveyMeta['invitations'] };

/** Check an invitation may go out now and work out its audience and filter. */
async function plan(
  deps: RegistryDeps & { planner: PlannerDeps },
  meta: SurveyMeta,
  survey: SurveyDefinition,
  mode: 'invite' | 'reminder',
  input: InvitationInput,
): Promise<Outcome<Planned>> {
  const id = meta.id;
  const counters = await deps.store.counters();
  if (!contentSurvey(deps, id) && currentVersion(meta) === undefined)
    return refuse(409, 'not_published');
  if (stateOf(deps, meta, survey, counters) !== 'open') return refuse(409, 'survey_not_open');
  for (const earlier of meta.invitations) {
    const status = (await jobStatus(deps.store, earlier.jobId))?.status;
    if (status === 'running' || status === 'scheduled') return refuse(409, 'invitation_running');
  }
  // Within a panel wave, the invitations (and so the reminders) are that wave's.
  const wave = currentWave(meta);
  const invites = meta.invitations.filter(
    (i) => i.kind === 'invite' && i.version === survey.version && (i.wave ?? 1) === wave,
  );
  if (mode === 'reminder' && invites.length === 0) return refuse(409, 'not_invited_yet');
  const audience = input.audience ?? invites.at(-1)?.audience;
  if (!audience) return refuse(400, 'audience_required');
  const params = {
    survey: id,
    version: survey.version,
    mode,
    invited: invites.map((i) => i.jobId),
    ...(wave > 1 ? { wave } : {}),
  };
  return { ok: true, value: { audience, filter: { name: SURVEY_FILTER, params }, invites } };
}

/** Exactly who the job would reach, through the same filter the job runs. */
async function reach(
  deps: { planner: PlannerDeps },
  planned: Planned,
  mode: 'invite' | 'reminder',
): Promise<InvitationReach> {
  const recipients = await jobRecipients(deps.planner, planned.audience, planned.filter);
  if (recipients.length > 0) return { recipients };
  if (mode === 'reminder') return { recipients, nobody: 'nobody_to_remind' };
  const everyone = await jobRecipients(deps.planner, planned.audience);
  return { recipients, nobody: everyone.length === 0 ? 'audience_empty' : 'all_invited' };
}

const emptyMeta = (id: string): SurveyMeta => ({
  id,
  status: 'open',
  versions: [],
  invitations: [],
});

/** Who an invitation (or reminder) with this input would reach if sent now; nothing stored. */
export async function previewInvitation(
  deps: RegistryDeps & { planner: PlannerDeps },
  id: string,
  mode: 'invite' | 'reminder',
  input: InvitationInput,
): Promise<Outcome<InvitationReach>> {
  requireQueue(deps.planner);
  const survey = await definitionAt(deps, id);
  if (!survey) return refuse(404, 'not_found');
  const meta = (await readMeta(deps.store, id)) ?? emptyMeta(id);
  const planned = await plan(deps, meta, survey, mode, input);
  if (!planned.ok) return planned;
  return { ok: true, value: await reach(deps, planned.value, mode) };
}

/**
 * Invite an audience to a survey (or remind those invited who have not finished) through a
 * broadcast job with Start / Later / No thanks buttons. Nobody who completed, declined or
 * withdrew hears about it again; nobody is invited twice. One invitation runs at a time
 * per survey, so the next one knows who the last one reached. An invitation that would
 * reach nobody is refused (409 with the reason as its error) and creates no job.
 */
export async function sendInvitations(
  deps: RegistryDeps & { planner: PlannerDeps; t: Translate },
  id: string,
  mode: 'invite' | 'reminder',
  input: InvitationInput,
  by: string,
): Promise<Outcome<{ jobId: string; version: number; audience: number }>> {
  requireQueue(deps.planner);
  const survey = await definitionAt(deps, id);
  if (!survey) return refuse(404, 'not_found');
  return withSurvey(deps, id, async (stored) => {
    const meta = stored ?? emptyMeta(id);
    const planned = await plan(deps, meta, survey, mode, input);
    if (!planned.ok) return { outcome: planned };
    const reached = await reach(deps, planned.value, mode);
    if (reached.nobody) return { outcome: refuse(409, reached.nobody) };
    const { audience, filter } = planned.value;
    const key = mode === 'invite' ? 'surveys.invite.message' : 'surveys.invite.reminder';
    const job = await createJob(
      deps.planner,
      {
        audience,
        messages: input.messages ?? defaultMessages(survey, deps.t, key),
        kind: 'survey_invite',
        choices: inviteChoices(id, deps.t),
        ...(input.sendAt ? { sendAt: input.sendAt } : {}),
      },
      by,
      filter,
    );
    const invitation = {
      jobId: job.id,
      kind: mode,
      version: survey.version,
      at: deps.now(),
      audience,
      ...(currentWave(meta) > 1 ? { wave: currentWave(meta) } : {}),
    };
    return {
      save: { ...meta, invitations: [...meta.invitations, invitation] },
      outcome: {
        ok: true,
        value: { jobId: job.id, version: survey.version, audience: reached.recipients.length },
      },
    };
  });
}
