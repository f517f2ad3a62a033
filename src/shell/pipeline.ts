import type { Inbound, Outbound } from '../core/message';
import type { UserRef } from '../store/port';
import type { Logger } from './logger';
import { mayDeliver, runTurn, type TurnDeps, type TurnOutcome } from './run-turn';
import { withRoles, type TurnHooks } from './turn-hooks';

/**
 * One channel pipeline: a verified, parsed inbound → the turn (stored before anything is
 * sent) → delivery → the work that waits for the commit. A channel supplies only how to
 * parse, render and send; everything that keeps a turn exactly-once lives here.
 */

/** What the pipeline needs. */
export interface PipelineDeps {
  turn: TurnDeps;
  log: Logger;
  /** Roles from configuration (trainers) and work to do once a turn is stored (`/push`). */
  hooks?: TurnHooks;
}

/** How sending a turn's replies went. */
export type SendOutcome =
  | { ok: true }
  /** `blocked`: the person blocked the bot (Telegram 403); `sent`: parts out before the failure. */
  | { ok: false; blocked: boolean; sent: number; error: unknown };

/** What the pipeline tells {@link Outlet.acknowledge} about the turn. */
export interface Acknowledgement {
  outcome: TurnOutcome;
  /** True when this caller sends the replies (see `mayDeliver`). */
  deliver: boolean;
  /** The input pressed a button of a question answered before; the reply is a notice. */
  stale: boolean;
}

/** A channel's way back to the person, for channels that send after the turn. */
export interface Outlet {
  /**
   * Acknowledge the input itself before any reply (Telegram: answer the button press and,
   * when `deliver`, remove the answered question's buttons). Answers true when that was
   * the whole answer (a stale button's notice shown on the button): nothing is sent then.
   */
  acknowledge?(turn: Acknowledgement): Promise<boolean>;
  /** Render and send the replies in order; the first lasting failure stops the sending. */
  send(replies: readonly Outbound[]): Promise<SendOutcome>;
  /** Fields that identify this delivery in the log (say, the update id). */
  logFields?: Record<string, unknown>;
}

/**
 * Run a turn for a channel that sends after it (Telegram). The turn keeps the person's
 * lease until its replies are out; exactly one caller sends them (a re-delivery sends only
 * what no earlier attempt got out), then marks them delivered, which gives the lease back.
 * A failure to send after the commit is logged; when nothing went out it fails the request
 * (503), so the channel re-delivers and the re-delivery sends the replies; a person who
 * blocked the bot gets a `stop` turn; anything thrown gives the lease back unmarked, so the
 * channel's re-delivery takes the replies over.
 *
 * @example await deliverTurn(deps, inbound, telegramOutlet(ctx, mapped, deps.log));
 */
export async function deliverTurn(
  deps: PipelineDeps,
  inbound: Inbound,
  outlet: Outlet,
): Promise<TurnOutcome> {
  const vouched = withRoles(deps.hooks, inbound);
  const outcome = await runTurn(deps.turn, vouched, { deliverAfter: true });
  // A duplicate is sent only when no earlier attempt got its replies out: this attempt's
  // own commit whose answer was lost, or a re-delivery after an isolate failed.
  const deliver = await mayDeliver(deps.turn.store, vouched, outcome);
  try {
    await sendReplies(deps, inbound, vouched, outcome, deliver, outlet);
  } catch (error) {
    // Not delivered: give the lease back unmarked, so the re-delivery takes the replies over.
    await deps.turn.store.releaseTurn(userOf(inbound), outcome.token).catch(() => undefined);
    throw error;
  }
  // The turn kept the person's lease while its replies went out: give it back, marking
  // them delivered (a re-delivery, say after our 200 was lost, must not send them again).
  if (deliver) await markDelivered(deps, inbound);
  return outcome;
}

/**
 * Run a turn for a channel whose response is the delivery (web chat, WeChat's passive
 * reply): the replies go back in the response, and a retry of the same message gets the
 * stored replies again without a second effect. Replies the hooks add follow the turn's.
 */
export async function respondTurn(deps: PipelineDeps, inbound: Inbound): Promise<TurnOutcome> {
  const vouched = withRoles(deps.hooks, inbound);
  const outcome = await runTurn(deps.turn, vouched);
  const extra = await afterCommit(deps, vouched, outcome);
  return extra.length > 0 ? { ...outcome, replies: [...outcome.replies, ...extra] } : outcome;
}

/**
 * The person blocked the bot (a send was refused): run the `stop` turn that marks them
 * inactive, which takes them out of every audience. A system turn: never rate-limited.
 *
 * @example await blockedTurn(turn, { channel: 'telegram', userId: '42', receivedAt: now() }, 'blocked:17');
 */
export async function blockedTurn(
  turn: TurnDeps,
  from: Omit<Inbound, 'kind' | 'messageId'>,
  messageId: string,
): Promise<void> {
  await runTurn(turn, { ...from, kind: 'stop', system: true, messageId });
}

/** Acknowledge, then send the replies and what the turn's hooks add. */
async function sendReplies(
  deps: PipelineDeps,
  inbound: Inbound,
  vouched: Inbound,
  outcome: TurnOutcome,
  deliver: boolean,
  outlet: Outlet,
): Promise<void> {
  const stale = outcome.events.some((e) => e.type === 'choice_stale');
  if (outlet.acknowledge && (await outlet.acknowledge({ outcome, deliver, stale }))) return;
  if (!deliver) return;
  const replies = [...outcome.replies, ...(await afterCommit(deps, vouched, outcome))];
  if (replies.length === 0) return;

  const result = await outlet.send(replies);
  if (result.ok) return;
  const channel = inbound.channel;
  const fields = { ...outlet.logFields, sent: result.sent, message: String(result.error) };
  if (result.blocked) {
    deps.log.info(`${channel}_blocked`, fields);
    // Give the lease back first: the turn that marks the person inactive needs it.
    await markDelivered(deps, inbound);
    await blockedTurn(deps.turn, inbound, `blocked:${inbound.messageId}`);
  } else if (result.sent === 0) {
    // Nothing reached the person: fail the request, so the channel re-delivers and the
    // re-delivery (finding the turn stored, not delivered) sends the replies then.
    deps.log.warn(`${channel}_send_deferred`, fields);
    throw new DeliveryFailedError(`${channel}: the replies could not be sent`);
  } else {
    // Part of it is out: a re-delivery would send that part twice, so this one is logged.
    deps.log.error(`${channel}_send_failed`, fields);
  }
}

/**
 * The channel refused every reply of a stored turn for now (its API answered 5xx or did
 * not answer): an infrastructure fault the edge answers with 503, so the channel re-delivers.
 */
export class DeliveryFailedError extends Error {
  override readonly name = 'DeliveryFailedError';
}

/** What the turn asked for (a /push job) happens once: only after the turn's own commit. */
async function afterCommit(
  deps: PipelineDeps,
  inbound: Inbound,
  outcome: TurnOutcome,
): Promise<Outbound[]> {
  if (!deps.hooks || outcome.duplicate) return [];
  return deps.hooks.afterCommit(inbound, outcome.events, outcome.locale);
}

/** Record that the replies went out, so a re-delivery does not send them again. */
async function markDelivered(deps: PipelineDeps, inbound: Inbound): Promise<void> {
  await deps.turn.store
    .markDelivered(userOf(inbound), inbound.messageId)
    .catch((error: unknown) => {
      deps.log.warn(`${inbound.channel}_delivery_unrecorded`, { message: String(error) });
    });
}

function userOf(inbound: Inbound): UserRef {
  return { channel: inbound.channel, userId: inbound.userId };
}
