import { appendAudit } from '../../admin/audit';
import { jobInputSchema } from '../../broadcast/job';
import { content } from '../../content';
import type { CoordinationStore } from '../../store/port';
import { jobStatus, type PlannerDeps } from '../../broadcast/planner';
import type { EngineEvent } from '../../core/events';
import type { Inbound, Outbound } from '../../core/message';
import type { Translate } from '../../core/text';
import type { Logger } from '../../shell/logger';
import type { TurnHooks } from '../../shell/turn-hooks';
import { ensureJob } from './jobs';
import { findCourse } from '../catalogue';
import { TRAINER_ROLE } from '../push-actions';

/** What turning `/push` requests into broadcast jobs needs. */
export interface PushJobDeps {
  planner: PlannerDeps;
  /** Telegram user ids allowed to push (TRAINER_TELEGRAM_IDS). */
  trainers: ReadonlySet<string>;
  log: Logger;
  t: Translate;
  /** Where a created push is audited (the admin audit trail), and the clock it is dated by. */
  audit?: { store: CoordinationStore; now: () => number };
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
  const made = await ensureJob(deps.planner, id, input.data, `telegram:${inbound.userId}`);
  const audience = (await jobStatus(deps.planner.store, id))?.counts.audience ?? 0;
  // Audited once, by whoever created the job: a re-delivered update finds it made.
  if (made === 'created') await auditPush(deps, inbound, event, id, audience);
  return { id, audience };
}

/** Put a trainer's Telegram push in the admin audit trail; a failure is logged only. */
async function auditPush(
  deps: PushJobDeps,
  inbound: Inbound,
  event: Extract<EngineEvent, { type: 'broadcast_requested' }>,
  id: string,
  recipients: number,
): Promise<void> {
  if (!deps.audit) return;
  const courseId = String((event.audience as { course?: unknown }).course ?? '');
  const course = findCourse(content.courses, courseId);
  const actor = {
    label: `telegram:${inbound.userId}`,
    role: TRAINER_ROLE,
    via: 'telegram',
  } as const;
  await appendAudit(deps.audit.store, deps.audit.now(), actor, {
    action: 'broadcast.send',
    target: { kind: 'course', id: courseId, ...(course ? { title: course.title } : {}) },
    details: { recipients, kind: 'course_update', job: id },
  }).catch((error: unknown) =>
    deps.log.error('audit_failed', { action: 'broadcast.send', message: String(error) }),
  );
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
