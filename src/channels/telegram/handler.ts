import type { Bot, Context } from 'grammy';
import { resolveLocale } from '../../core/engine';
import type { Inbound } from '../../core/message';
import type { Translate } from '../../core/text';
import type { Logger } from '../../shell/logger';
import { mayDeliver, runTurn, type TurnDeps, type TurnOutcome } from '../../shell/run-turn';
import { withRoles, type TurnHooks } from '../../shell/turn-hooks';
import { sendAll } from './client';
import { toTelegramInbound, type TelegramInbound } from './inbound';
import { renderTelegram } from './render';

/** What the Telegram handler needs. */
export interface TelegramHandlerDeps {
  turn: TurnDeps;
  log: Logger;
  t: Translate;
  now(): number;
  /** Roles from configuration (trainers) and work to do once a turn is stored (`/push`). */
  hooks?: TurnHooks;
}

/**
 * Handle every update: map it, run the turn (stored before anything is sent), then send
 * the replies. A store failure propagates, so Telegram re-delivers and nothing is lost; a
 * send failure is logged and acknowledged, since the turn is already stored.
 */
export function installTelegramHandler(bot: Bot, deps: TelegramHandlerDeps): void {
  bot.use(async (ctx) => {
    const update = ctx.update;
    const mapped = toTelegramInbound(update, deps.now());
    if (mapped.kind === 'ignore') {
      deps.log.info('telegram_ignored', { updateId: update.update_id, reason: mapped.reason });
      if (mapped.callbackId) await answerCallback(ctx, deps, mapped.callbackId);
      return;
    }
    if (mapped.kind === 'unsupported') {
      const locale = resolveLocale({}, mapped.localeHint);
      await ctx.api
        .sendMessage(mapped.chatId, deps.t(locale, 'telegram.unsupported'))
        .catch((error: unknown) => {
          deps.log.warn('telegram_send_failed', {
            updateId: update.update_id,
            message: String(error),
          });
        });
      return;
    }

    const inbound = withRoles(deps.hooks, mapped.inbound);
    const outcome = await runTurn(deps.turn, inbound, { deliverAfter: true });
    // A duplicate is sent only when no earlier attempt got its replies out: this attempt's
    // own commit whose answer was lost, or a re-delivery after an isolate failed.
    const deliver = await mayDeliver(deps.turn.store, inbound, outcome);
    try {
      await respond(ctx, deps, mapped, inbound, outcome, deliver);
    } catch (error) {
      // Not delivered: give the lease back unmarked, so the re-delivery takes the replies over.
      const user = { channel: inbound.channel, userId: inbound.userId };
      await deps.turn.store.releaseTurn(user, outcome.token).catch(() => undefined);
      throw error;
    }
    // The turn kept the person's lease while its replies went out: give it back, marking
    // them delivered (a re-delivery, say after our 200 was lost, must not send them again).
    if (deliver) await markDelivered(deps, inbound);
  });
}

/** Answer the button, then send the replies (and what the turn's hooks add). */
async function respond(
  ctx: Context,
  deps: TelegramHandlerDeps,
  mapped: Extract<TelegramInbound, { kind: 'turn' }>,
  inbound: Inbound,
  outcome: TurnOutcome,
  deliver: boolean,
): Promise<void> {
  const callback = mapped.callback;
  if (callback) {
    const stale = outcome.events.some((e) => e.type === 'choice_stale');
    // A stale button gets a short notice on the button itself, not a new message.
    await answerCallback(ctx, deps, callback.id, stale ? outcome.replies[0]?.text : undefined);
    if (stale) return;
    if (deliver && callback.messageId !== undefined) {
      // Remove the answered question's buttons so they cannot be pressed again.
      await ctx.api
        .editMessageReplyMarkup(mapped.chatId, callback.messageId)
        .catch(() => undefined);
    }
  }
  if (!deliver) return;
  // What the turn asked for (a /push job) happens once: only after the turn's own commit.
  const extra =
    deps.hooks && !outcome.duplicate
      ? await deps.hooks.afterCommit(inbound, outcome.events, outcome.locale)
      : [];
  const replies = [...outcome.replies, ...extra];
  if (replies.length === 0) return;

  const result = await sendAll(ctx.api, mapped.chatId, renderTelegram(replies));
  if (!result.failure) return;
  const fields = {
    updateId: ctx.update.update_id,
    sent: result.sent,
    message: String(result.failure.error),
  };
  if (result.failure.kind === 'blocked') {
    deps.log.info('telegram_blocked', fields);
    // Give the lease back first: the turn that marks the person inactive needs it.
    await markDelivered(deps, inbound);
    await runTurn(deps.turn, {
      ...mapped.inbound,
      kind: 'stop',
      system: true,
      messageId: `blocked:${ctx.update.update_id}`,
    });
  } else {
    deps.log.error('telegram_send_failed', fields);
  }
}

/** Record that the replies went out, so a re-delivery does not send them again. */
async function markDelivered(deps: TelegramHandlerDeps, inbound: Inbound): Promise<void> {
  const user = { channel: inbound.channel, userId: inbound.userId };
  await deps.turn.store.markDelivered(user, inbound.messageId).catch((error: unknown) => {
    deps.log.warn('telegram_delivery_unrecorded', { message: String(error) });
  });
}

async function answerCallback(
  ctx: Context,
  deps: TelegramHandlerDeps,
  id: string,
  text?: string,
): Promise<void> {
  await ctx.api.answerCallbackQuery(id, text ? { text } : {}).catch((error: unknown) => {
    deps.log.warn('telegram_callback_answer_failed', {
      updateId: ctx.update.update_id,
      message: String(error),
    });
  });
}
