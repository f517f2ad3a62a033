import { BotError, webhookCallback, type Bot } from 'grammy';
import { Hono } from 'hono';
import { resolveLocale } from '../../core/engine';
import type { Translate } from '../../core/text';
import type { AppEnv } from '../../http/types';
import { deliverTurn, type PipelineDeps } from '../../shell/pipeline';
import { answerCallback, telegramOutlet } from './client';
import { toTelegramInbound } from './inbound';
import { checkUpdate } from './update-schema';

/** What the Telegram turns need: the pipeline's dependencies, words and the clock. */
export interface TelegramTurnDeps extends PipelineDeps {
  t: Translate;
  now(): number;
}

/**
 * Handle every update: map it, then hand it to the channel pipeline (stored before
 * anything is sent, then sent once). A store failure propagates, so Telegram re-delivers
 * and nothing is lost; a send failure is logged and acknowledged, since the turn is stored.
 */
export function installTelegramTurns(bot: Bot, deps: TelegramTurnDeps): void {
  bot.use(async (ctx) => {
    const update = ctx.update;
    const mapped = toTelegramInbound(update, deps.now());
    if (mapped.kind === 'ignore') {
      deps.log.info('telegram_ignored', { updateId: update.update_id, reason: mapped.reason });
      if (mapped.callbackId) await answerCallback(ctx, deps.log, mapped.callbackId);
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
    await deliverTurn(deps, mapped.inbound, telegramOutlet(ctx, mapped, deps.log));
  });
}

/** Compare secrets in time independent of where they differ. */
function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined || given.length !== expected.length) return false;
  let diff = 0;
  for (let i = 0; i < given.length; i++) diff |= given.charCodeAt(i) ^ expected.charCodeAt(i);
  return diff === 0;
}

function isUpdate(body: unknown): body is Record<string, unknown> {
  return (
    typeof body === 'object' &&
    body !== null &&
    !Array.isArray(body) &&
    typeof (body as { update_id?: unknown }).update_id === 'number'
  );
}

/**
 * `POST /telegram/webhook` through grammY's hono adapter. The secret token header is
 * checked first (401 otherwise), so a forged call never reaches the parser. Every update is
 * checked against {@link checkUpdate}'s schema before grammY sees it: one that is malformed,
 * or of a kind we do not handle, is acknowledged (200) and logged, so Telegram does not
 * re-send it forever; a text over 4096 characters is cut to 4096.
 */
export function telegramRoutes(bot: Bot, secretToken: string): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // grammY gets the checked update (texts cut) as an object: no second Request to build
  // and parse. A webhook reply, if grammY makes one, becomes the answer's JSON body.
  const handle = webhookCallback(bot, 'callback', {
    secretToken,
    onTimeout: 'throw',
    timeoutMilliseconds: 9000,
  });

  app.post('/telegram/webhook', async (c) => {
    if (!sameSecret(c.req.header('X-Telegram-Bot-Api-Secret-Token'), secretToken)) {
      return c.json({ error: 'unauthorized' }, 401);
    }
    const body: unknown = await c.req.json().catch(() => undefined);
    const log = c.var.deps.log;
    if (!isUpdate(body)) {
      log.warn('telegram_malformed_update', {});
      return c.body(null, 200);
    }
    const checked = checkUpdate(body);
    if (!checked.ok) {
      log.warn(checked.event, checked.fields);
      return c.body(null, 200);
    }
    if (checked.truncatedFrom !== undefined)
      log.info('telegram_text_truncated', {
        updateId: body.update_id,
        length: checked.truncatedFrom,
      });
    let reply: string | undefined;
    try {
      await handle(
        checked.update,
        (json: string) => void (reply = json),
        c.req.header('X-Telegram-Bot-Api-Secret-Token'),
      );
      return reply === undefined
        ? c.body(null, 200)
        : c.body(reply, 200, { 'Content-Type': 'application/json' });
    } catch (error) {
      // Let the app's error handler see the cause (a store outage is a 503, so Telegram retries).
      throw error instanceof BotError ? error.error : error;
    }
  });
  return app;
}
