import { jobInputSchema } from '../../broadcast/job';
import { jobStatus, type PlannerDeps } from '../../broadcast/planner';
import type { EngineEvent } from '../../core/events';
import type { Inbound, Outbound } from '../../core/message';
import type { Translate } from '../../core/text';
import type { Logger } from '../../shell/logger';
import type { TurnHooks } from '../../shell/turn-hooks';
import { ensureJob } from './jobs';
import { TRAINER_ROLE } from '../push-actions';

/** What turning `/push` requests into broadcast jobs needs. */
export interface PushJobDeps {
  planner: PlannerDeps;
  /** Telegram user ids allowed to push (TRAINER_TELEGRAM_IDS). */
  trainers: ReadonlySet<string>;
  log: Logger;
  t: Translate;
}

/**
 * The job id of a push, derived from the message that confirmed it: a re-delivered update
 * names the same job, so it cannot make a second one.
 *
 * @example pushJobId({ channel: 'telegram', userId: '42', messageId: '9001' }) // "push-telegram-42-9001"
 */
export function pushJobId(inbound: Pick<Inbound, 'channel' | 'userId' | 'messageId'>): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64);
  return `push-${inbound.channel}-${safe(inbound.userId)}-${safe(inbound.messageId)}`;
}

/** The roles configuration gives a sender: `trainer` for the listed Telegram ids. */
export function trainerRoles(trainers: ReadonlySet<string>, inbound: Inbound): string[] {
  return inbound.channel === 'telegram' && trainers.has(inbound.userId) ? [TRAINER_ROLE] : [];
}

/**
 * Create the broadcast job a committed `/push` turn asked for (`broadcast_requested`).
 * The sender is checked against the configuration again, the input with the admin API's
 * schema; the job id comes from the message, so the job is made once.
 */
async function createPush(
  deps: PushJobDeps,
  inbound: Inbound,
  event: Extract<EngineEvent, { type: 'broadcast_requested' }>,
  id: string,
): Promise<{ id: string; audience: number } | 'refused' | 'invalid'> {
  if (!trainerRoles(deps.trainers, inbound).includes(TRAINER_ROLE)) return 'refused';
  const input = jobInputSchema.safeParse({
    audience: event.audience,
    messages: event.messages,
    kind: 'course_update',
  });
  if (!input.success) return 'invalid';
  await ensureJob(deps.planner, id, input.data, `telegram:${inbound.userId}`);
  return { id, audience: (await jobStatus(deps.planner.store, id))?.counts.audience ?? 0 };
}

/** The hooks that give trainers their role and turn their confirmed pushes into jobs. */
export function pushHooks(deps: PushJobDeps): TurnHooks {
  return {
    roles: (inbound) => trainerRoles(deps.trainers, inbound),
    async afterCommit(inbound, events, locale) {
      const requests = events.filter(
        (e): e is Extract<EngineEvent, { type: 'broadcast_requested' }> =>
          e.type === 'broadcast_requested',
      );
      const replies: Outbound[] = [];
      for (const [i, event] of requests.entries()) {
        const id = i === 0 ? pushJobId(inbound) : `${pushJobId(inbound)}-${i}`;
        try {
          const made = await createPush(deps, inbound, event, id);
          if (typeof made === 'string') {
            deps.log.warn('push_not_created', { user: inbound.userId, reason: made });
            replies.push({ text: deps.t(locale, 'push.failed') });
          } else {
            deps.log.info('push_created', { jobId: made.id, audience: made.audience });
            replies.push({ text: deps.t(locale, 'push.created', made) });
          }
        } catch (error) {
          deps.log.error('push_failed', { jobId: id, message: String(error) });
          replies.push({ text: deps.t(locale, 'push.failed') });
        }
      }
      return replies;
    },
  };
}
