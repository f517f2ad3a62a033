import type { Recipient } from '../../broadcast/audience';
import type { Senders } from '../../broadcast/senders';
import type { AudienceStore } from '../../store/port';
import { conversationSchema } from '../../core/conversation';
import {
  splitText,
  type ChannelName,
  type Inbound,
  type Locale,
  type Outbound,
} from '../../core/message';
import { profileSchema } from '../../domains';
import type { Translate } from '../../core/text';
import type { Logger } from '../../shell/logger';
import { mayDeliver, runTurn, type TurnDeps } from '../../shell/run-turn';
import { CHINA_OFFSET_MS, isDue } from '../drip-schedule';
import type { Course } from '../schema';
import { dripSet } from '../sets';

/** What the drip run needs. */
export interface DripDeps {
  turn: TurnDeps;
  /** Where the drip sets are (who is due at which hour). */
  audience: AudienceStore;
  senders: Senders;
  courses: readonly Course[];
  t: Translate;
  log: Logger;
  /** People looked at per course and run (each is a store round trip); the rest rotate in. */
  maxChecks: number;
  /** Runs of the cron trigger per hour (every 5 minutes: 12), for the rotation. */
  runsPerHour: number;
  onBlocked(recipient: Recipient): Promise<void>;
}

/** Flows a drip may follow without cutting into something: resting at the menu or a course. */
const IDLE_FLOWS = new Set(['menu', 'courses', 'course', 'lesson']);

/** Most characters one drip message carries (Telegram allows 4096 after markup). */
const PART_LIMIT = 3500;

/**
 * The turn's replies as one text for a channel without buttons here: each question ends
 * with the labels to type ("Reply with: A / B / C"); typing a label or its number works.
 */
export function dripText(replies: readonly Outbound[], locale: Locale, t: Translate): string {
  return replies
    .map((r) =>
      r.choices && r.choices.length > 0
        ? `${r.text}\n${t(locale, 'courses.drip.reply_with', { choices: r.choices.map((c) => c.label).join(' / ') })}`
        : r.text,
    )
    .join('\n\n');
}

/**
 * Deliver due drip lessons (the cron trigger calls this every few minutes). Only people
 * whose drip hour (China time) is now are looked at, a slice per run; a due person gets a
 * `/start drip_<course>` turn, which shows the next lesson and moves the drip on, and its
 * replies go out through the broadcast sender of their channel. The message id is the due
 * slot, so two overlapping runs deliver a lesson once. Someone in the middle of another
 * flow (a survey, a check) is left alone until the next run.
 */
export async function sendDueDrips(deps: DripDeps, now: number): Promise<number> {
  const local = new Date(now + CHINA_OFFSET_MS);
  const hour = local.getUTCHours();
  const run = Math.floor(local.getUTCMinutes() / (60 / deps.runsPerHour));
  let sent = 0;
  for (const course of deps.courses) {
    const members = (await deps.audience.setMembers(dripSet(course.id, hour))).sort();
    // Each run of the hour starts further along, so everyone is looked at once an hour.
    const start = (run * deps.maxChecks) % Math.max(members.length, 1);
    const slice = [...members.slice(start), ...members.slice(0, start)].slice(0, deps.maxChecks);
    for (const ref of slice) if (await dripOne(deps, course, ref, now)) sent += 1;
  }
  return sent;
}

async function dripOne(deps: DripDeps, course: Course, ref: string, now: number): Promise<boolean> {
  const channel = ref.slice(0, ref.indexOf(':')) as ChannelName;
  const userId = ref.slice(ref.indexOf(':') + 1);
  const sender = deps.senders[channel];
  if (!sender) return false;
  const snapshot = await deps.turn.store.load({ channel, userId }, 'drip:check');
  const profile = profileSchema.safeParse(snapshot.profile ?? {});
  if (!profile.success || profile.data.active === false) return false;
  const progress = profile.data.courses?.progress[course.id];
  if (!progress?.drip || !progress.subscribed || !isDue(progress.drip, now)) return false;
  const at = conversationSchema.safeParse(snapshot.conversation).data?.at;
  if (at && !IDLE_FLOWS.has(at.flow)) {
    deps.log.debug('drip_postponed', { ref, course: course.id, flow: at.flow });
    return false;
  }
  const inbound: Inbound = {
    channel,
    userId,
    kind: 'start',
    args: `drip_${course.id}`,
    messageId: `drip:${course.id}:${progress.drip.nextAt}`,
    receivedAt: now,
    system: true,
  };
  const outcome = await runTurn(deps.turn, inbound, { deliverAfter: true });
  // Sent once: by this run, or by a later one when this run's sending never happened.
  if (!(await mayDeliver(deps.turn.store, inbound, outcome))) return false;
  if (outcome.replies.length === 0) {
    await deps.turn.store.markDelivered({ channel, userId }, inbound.messageId);
    return false;
  }
  const recipient: Recipient = { ref, channel, userId, locale: outcome.locale };
  const delivered = () => deps.turn.store.markDelivered({ channel, userId }, inbound.messageId);
  for (const part of splitText(dripText(outcome.replies, outcome.locale, deps.t), PART_LIMIT)) {
    const result = await sender.send(recipient, part);
    if (result.outcome === 'sent') continue;
    deps.log.warn('drip_not_sent', { ref, course: course.id, outcome: result.outcome });
    // Give the person's lease back first: marking them inactive is a turn of its own.
    await delivered();
    if (result.outcome === 'blocked') await deps.onBlocked(recipient);
    return false;
  }
  await delivered();
  return true;
}
