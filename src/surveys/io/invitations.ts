import type { Audience } from '../../broadcast/audience';
import { jobStatus, createJob, type PlannerDeps } from '../../broadcast/planner';
import { LOCALES, type Locale } from '../../core/message';
import type { Translate } from '../../core/text';
import { currentVersion } from '../meta';
import type { SurveyDefinition } from '../schema';
import { SURVEY_FILTER } from './invite-filter';
import {
  contentSurvey,
  definitionAt,
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
function defaultMessages(
  survey: SurveyDefinition,
  t: Translate,
  key: string,
): Record<Locale, string> {
  return Object.fromEntries(
    LOCALES.map((l) => [l, t(l, key, { title: survey.title[l], intro: survey.intro[l] })]),
  ) as Record<Locale, string>;
}

/** Start / Later / No thanks: buttons that run `/survey <id>`, with `later` or `no`. */
function inviteChoices(id: string, t: Translate) {
  const label = (key: string) =>
    Object.fromEntries(LOCALES.map((l) => [l, t(l, `surveys.invite.${key}`)]));
  return [
    { command: `/survey ${id}`, label: label('start') },
    { command: `/survey ${id} later`, label: label('later') },
    { command: `/survey ${id} no`, label: label('no') },
  ];
}

/**
 * Invite an audience to a survey (or remind those invited who have not finished) through a
 * broadcast job with Start / Later / No thanks buttons. Nobody who completed, declined or
 * withdrew hears about it again; nobody is invited twice. One invitation runs at a time
 * per survey, so the next one knows who the last one reached.
 */
export async function sendInvitations(
  deps: RegistryDeps & { planner: PlannerDeps; t: Translate },
  id: string,
  mode: 'invite' | 'reminder',
  input: InvitationInput,
  by: string,
): Promise<Outcome<{ jobId: string; version: number }>> {
  const survey = await definitionAt(deps, id);
  if (!survey) return refuse(404, 'not_found');
  const counters = await deps.store.counters();
  return withSurvey(deps, id, async (stored) => {
    const meta = stored ?? { id, status: 'open' as const, versions: [], invitations: [] };
    if (!contentSurvey(deps, id) && currentVersion(meta) === undefined)
      return { outcome: refuse(409, 'not_published') };
    if (stateOf(deps, meta, survey, counters) !== 'open')
      return { outcome: refuse(409, 'survey_not_open') };
    for (const earlier of meta.invitations) {
      const status = (await jobStatus(deps.store, earlier.jobId))?.status;
      if (status === 'running' || status === 'scheduled')
        return { outcome: refuse(409, 'invitation_running') };
    }
    const invites = meta.invitations.filter(
      (i) => i.kind === 'invite' && i.version === survey.version,
    );
    if (mode === 'reminder' && invites.length === 0)
      return { outcome: refuse(409, 'not_invited_yet') };
    const audience = input.audience ?? invites.at(-1)?.audience;
    if (!audience) return { outcome: refuse(400, 'audience_required') };
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
      {
        name: SURVEY_FILTER,
        params: { survey: id, version: survey.version, mode, invited: invites.map((i) => i.jobId) },
      },
    );
    const invitation = {
      jobId: job.id,
      kind: mode,
      version: survey.version,
      at: deps.now(),
      audience,
    };
    return {
      save: { ...meta, invitations: [...meta.invitations, invitation] },
      outcome: { ok: true, value: { jobId: job.id, version: survey.version } },
    };
  });
}
