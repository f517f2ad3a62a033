import type { Inbound } from '../../core/message';
import type { Translate } from '../../core/text';
import { respondTurn } from '../../shell/pipeline';
import type { TurnDeps } from '../../shell/run-turn';
import { SPEECH_LIMITS, type Speech } from '../../shell/speech';
import { claimDelivery, sendByCustomerService, withinBudget, type DeliveryDeps } from './delivery';
import { heardTurn, wechatMessageId, type WechatMessage } from './inbound';
import { renderWechat } from './render';

/** What to put in the HTTP response. */
export type WechatAnswer = { kind: 'passive'; text: string } | { kind: 'success' };

/** What {@link answerTurn} needs. */
export interface WechatTurnDeps extends DeliveryDeps {
  turn: TurnDeps;
  t: Translate;
  /** How long the turn may take before the reply goes by customer service instead. */
  budgetMs: number;
  /** Keep work going after the response (`executionCtx.waitUntil`). */
  background(work: Promise<unknown>): void;
}

const SUCCESS: WechatAnswer = { kind: 'success' };

/**
 * Run one turn under WeChat's 5-second rule and decide the response.
 *
 * - In time, first handling: the first part is the passive reply; further parts are sent
 *   by customer service after claiming the delivery as `passive`.
 * - In time, a re-delivery (the turn was committed before, so the stored replies come
 *   back): if some handler claimed `cs`, it is sending everything, so answer `success`;
 *   otherwise the earlier passive reply never reached WeChat (or it would not retry), so
 *   answer it again, and send the other parts only if this handler wins the claim.
 * - Out of time: answer `success` now; when the turn is done, claim `cs` and, if won, send
 *   every part by customer service.
 *
 * Customer-service messages are sent only by a claim's winner, so never twice; passive
 * replies may be written more than once, but WeChat shows only the response to the
 * delivery it is still waiting for.
 */
export function answerTurn(
  deps: WechatTurnDeps,
  openId: string,
  inbound: Inbound,
  /** What speech recognition heard, for a voice message: said back before the answer. */
  heard?: string,
): Promise<WechatAnswer> {
  return answerReply(deps, openId, inbound.messageId, turnReply(deps, inbound, heard));
}

/** A message's reply, rendered, and whether the message was handled before. */
export interface WechatReply {
  parts: string[];
  duplicate: boolean;
}

/**
 * Run the turn (the response is the delivery, at least its first part: the pipeline's
 * answering path) and render its replies, after "I heard: …" for a voice message.
 */
export async function turnReply(
  deps: WechatTurnDeps,
  inbound: Inbound,
  heard?: string,
): Promise<WechatReply> {
  const outcome = await respondTurn(deps, inbound);
  const said = heard ? [{ text: deps.t(outcome.locale, 'ask.voice_heard', { text: heard }) }] : [];
  const parts = renderWechat([...said, ...outcome.replies], outcome.locale, deps.t);
  return { parts, duplicate: outcome.duplicate };
}

/**
 * Answer a message whose reply `running` prepares (a turn, or speech to text and then a
 * turn) under the 5-second rule, as {@link answerTurn} describes.
 */
export async function answerReply(
  deps: WechatTurnDeps,
  openId: string,
  messageId: string,
  running: Promise<WechatReply>,
): Promise<WechatAnswer> {
  const settled = await withinBudget(running, deps.budgetMs);
  if (!settled.done) {
    deps.log.info('wechat_reply_deferred', { messageId });
    deps.background(deliverLate(deps, openId, messageId, running));
    return SUCCESS;
  }
  const [first, ...rest] = settled.value.parts;
  if (first === undefined) return SUCCESS;
  if (!settled.value.duplicate) {
    if (rest.length > 0) deps.background(sendRest(deps, openId, messageId, rest));
    return { kind: 'passive', text: first };
  }
  const claim = await claimDelivery(deps, openId, messageId, 'passive');
  if (claim.mode === 'cs') return SUCCESS;
  if (claim.won && rest.length > 0) {
    deps.background(sendByCustomerService(deps, openId, messageId, rest));
  }
  return { kind: 'passive', text: first };
}

/**
 * A voice message WeChat did not recognise: speech to text on its audio, then the turn
 * with the words as typed text; no words (download, model, silence, time) means
 * `askToType`'s reply. Runs under the budget like any turn, so a slow transcription
 * answers by customer service.
 */
export async function voiceReply(
  deps: WechatTurnDeps & { speech: Speech },
  message: WechatMessage,
  mediaId: string,
  receivedAt: number,
  askToType: () => Promise<string[]>,
): Promise<WechatReply> {
  const heard = await deps.speech.transcribe(
    () => deps.client.fetchMedia(mediaId, SPEECH_LIMITS.maxBytes),
    { channel: 'wechat', messageId: wechatMessageId(message) },
  );
  if (!heard) return { parts: await askToType(), duplicate: false };
  return turnReply(deps, heardTurn(message, heard, receivedAt).inbound, heard);
}

/** After a passive first part: claim `passive` and send the rest if no retry took it over. */
async function sendRest(
  deps: WechatTurnDeps,
  openId: string,
  messageId: string,
  rest: readonly string[],
): Promise<void> {
  try {
    const claim = await claimDelivery(deps, openId, messageId, 'passive');
    if (claim.won) await sendByCustomerService(deps, openId, messageId, rest);
  } catch (error) {
    deps.log.error('wechat_delivery_failed', { messageId, message: String(error) });
  }
}

/** After `success`: finish the turn, claim `cs`, and send everything if the claim is ours. */
async function deliverLate(
  deps: WechatTurnDeps,
  openId: string,
  messageId: string,
  running: Promise<WechatReply>,
): Promise<void> {
  try {
    const { parts } = await running;
    if (parts.length === 0) return;
    const claim = await claimDelivery(deps, openId, messageId, 'cs');
    if (!claim.won) {
      deps.log.info('wechat_reply_delivered_elsewhere', { messageId, mode: claim.mode });
      return;
    }
    await sendByCustomerService(deps, openId, messageId, parts);
  } catch (error) {
    // The turn or the store failed after `success`: WeChat will not retry, so say so loudly.
    deps.log.error('wechat_late_turn_failed', { messageId, message: String(error) });
  }
}
