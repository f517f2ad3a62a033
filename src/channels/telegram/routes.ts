import { BotError, webhookCallback, type Api, type Bot, type Context } from 'grammy';
import { Hono } from 'hono';
import { resolveLocale } from '../../core/engine';
import type { Locale } from '../../core/message';
import type { Translate } from '../../core/text';
import type { AppEnv } from '../../http/types';
import { deliverTurn, type Outlet, type PipelineDeps } from '../../shell/pipeline';
import type { MediaDeps } from '../../shell/media';
import { SPEECH_LIMITS, type Speech } from '../../shell/speech';
import { MEDIA_MAX_BYTES, surveyVoiceInbound, surveyVoiceTarget } from '../media-deps';
import { answerCallback, telegramOutlet } from './client';
import { toTelegramInbound, type TelegramInbound } from './inbound';
import { checkUpdate } from './update-schema';

/** What the Telegram turns need: the pipeline's dependencies, words and the clock. */
export interface TelegramTurnDeps extends PipelineDeps {
  t: Translate;
  now(): number;
  /** Speech to text for voice notes, when configured, with the way to fetch their audio. */
  voice?: {
    speech: Speech;
    download(api: Api, fileId: string, maxBytes: number): Promise<Uint8Array>;
  };
  /** Voice answers to survey questions: where they are kept, and the way to fetch them. */
  media?: {
    deps: MediaDeps;
    download(api: Api, fileId: string, maxBytes: number): Promise<Uint8Array>;
  };
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
    if (mapped.kind === 'voice' && deps.media) {
      const { download, deps: media } = deps.media;
      const target = await surveyVoiceTarget(media, mapped.from);
      if (target) {
        const inbound = await surveyVoiceInbound(media, mapped.from, target, {
          ext: 'ogg',
          load: () => download(ctx.api, mapped.voice.fileId, MEDIA_MAX_BYTES),
        });
        const turn = { kind: 'turn' as const, chatId: mapped.chatId, inbound };
        await deliverTurn(deps, inbound, telegramOutlet(ctx, turn, deps.log));
        return;
      }
    }
    if (mapped.kind === 'voice') {
      const heard = await transcribe(ctx, deps, mapped);
      if (heard !== undefined) {
        const turn = {
          kind: 'turn' as const,
          chatId: mapped.chatId,
          inbound: { ...mapped.from, kind: 'text' as const, text: heard },
        };
        await deliverTurn(
          deps,
          turn.inbound,
          sayingHeard(telegramOutlet(ctx, turn, deps.log), heard, deps.t),
        );
        return;
      }
    }
    if (mapped.kind === 'unsupported' || mapped.kind === 'voice') {
      const locale = resolveLocale(
        {},
        mapped.kind === 'voice' ? mapped.from.localeHint : mapped.localeHint,
      );
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

/** A voice note's words, when speech to text is configured and the note is short enough. */
async function transcribe(
  ctx: Context,
  deps: TelegramTurnDeps,
  mapped: Extract<TelegramInbound, { kind: 'voice' }>,
): Promise<string | undefined> {
  const { voice } = mapped;
  const fields = { channel: 'telegram', updateId: ctx.update.update_id };
  if (!deps.voice) return undefined;
  if (voice.seconds > SPEECH_LIMITS.maxSeconds || (voice.bytes ?? 0) > SPEECH_LIMITS.maxBytes) {
    deps.log.info('speech_too_long', { ...fields, seconds: voice.seconds });
    return undefined;
  }
  const { speech, download } = deps.voice;
  return speech.transcribe(() => download(ctx.api, voice.fileId, SPEECH_LIMITS.maxBytes), fields);
}

/** Say "I heard: …" in the person's language before a voice note's replies. */
function sayingHeard(outlet: Outlet, heard: string, t: Translate): Outlet {
  let locale: Locale | undefined;
  return {
    ...outlet,
    async acknowledge(turn) {
      locale = turn.outcome.locale;
      return outlet.acknowledge ? outlet.acknowledge(turn) : false;
    },
    send: (replies) =>
      outlet.send([{ text: t(locale ?? 'zh-CN', 'ask.voice_heard', { text: heard }) }, ...replies]),
  };
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
