import { Hono, type Context } from 'hono';
import type { WechatConfig } from '../../config';
import { resolveLocale } from '../../core/engine';
import type { Locale } from '../../core/message';
import { profileSchema } from '../../domains';
import type { AppEnv } from '../../http/types';
import type { WechatClient } from './client';
import type { WechatCipher } from './crypto';
import { cleanTranscript } from '../../shell/speech';
import { MEDIA_MAX_BYTES, mediaDepsOf, surveyVoiceInbound, surveyVoiceTarget } from '../media-deps';
import {
  answerReply,
  answerTurn,
  turnReply,
  voiceReply,
  type WechatAnswer,
  type WechatTurnDeps,
} from './handler';
import {
  toWechatInbound,
  wechatMessageId,
  type WechatInbound,
  type WechatMessage,
} from './inbound';
import { renderWechat } from './render';
import { checkSignature, openMessage, sealReply, type Refusal, type WechatQuery } from './verify';
import { buildWechatXml } from './xml';

/** What the WeChat routes need besides the app's dependencies. */
export interface WechatRouteOptions {
  config: WechatConfig;
  client: WechatClient;
  /** Present when an EncodingAESKey is configured (safe and compatible mode). */
  cipher: WechatCipher | undefined;
}

/**
 * `GET /wechat` (the server URL check: echo `echostr`) and `POST /wechat` (messages).
 * Every call's signature and timestamp are checked before anything else; in safe mode the
 * message signature, the decryption and the AppID too, and a plaintext message is refused
 * (403). A refused call changes nothing.
 */
export function wechatRoutes(options: WechatRouteOptions): Hono<AppEnv> {
  const { config, client, cipher } = options;
  const app = new Hono<AppEnv>();

  const refuse = (c: Context<AppEnv>, refusal: Refusal) => {
    c.var.deps.log.warn('wechat_refused', { error: refusal.error, status: refusal.status });
    return c.json({ error: refusal.error }, refusal.status);
  };

  app.get('/wechat', (c) => {
    const query = c.req.query() as WechatQuery;
    const check = checkSignature(query, config.token, c.var.deps.now());
    if (!check.ok) return refuse(c, check);
    if (!query.echostr) return c.json({ error: 'missing_echostr' }, 400);
    return c.text(query.echostr);
  });

  app.post('/wechat', async (c) => {
    const deps = c.var.deps;
    const query = c.req.query() as WechatQuery;
    const check = checkSignature(query, config.token, deps.now());
    if (!check.ok) return refuse(c, check);
    const opened = openMessage(await c.req.text(), query, config.token, cipher);
    if (!opened.ok) return refuse(c, opened);
    // In safe mode only an encrypted message proves it came from WeChat: the Token is not enough.
    if (config.messageMode === 'safe' && !opened.encrypted)
      return refuse(c, { ok: false, status: 403, error: 'plaintext_refused' });

    const reply = (message: WechatMessage, text: string) => {
      const xml = buildWechatXml({
        ToUserName: message.FromUserName,
        FromUserName: message.ToUserName,
        CreateTime: Math.floor(deps.now() / 1000),
        MsgType: 'text',
        Content: text,
      });
      const body =
        opened.encrypted && cipher
          ? sealReply(xml, config.token, cipher, check.timestamp, check.nonce)
          : xml;
      return c.body(body, 200, { 'Content-Type': 'application/xml; charset=utf-8' });
    };
    // `success` tells WeChat not to retry and to show nothing.
    const success = () => c.text('success');

    const mapped = toWechatInbound(opened.fields, deps.now());
    if (mapped.kind === 'ignore') {
      deps.log.info('wechat_ignored', { reason: mapped.reason });
      return success();
    }
    const turnDeps = {
      turn: deps.turn,
      store: deps.store,
      client,
      log: deps.log,
      t: deps.program.t,
      budgetMs: config.replyBudgetMs,
      background: (work: Promise<unknown>) => runInBackground(c, work),
    };
    const answered = (answer: WechatAnswer, message: WechatMessage) =>
      answer.kind === 'passive' ? reply(message, answer.text) : success();
    const voiced = await surveyVoice(c, turnDeps, mapped);
    if (voiced) return answered(voiced.answer, voiced.message);
    if (mapped.kind === 'unsupported') {
      const { message, mediaId } = mapped;
      const askToType = async () => {
        const locale = await localeOf(c, message);
        const key = mapped.reason === 'voice' ? 'wechat.voice_unrecognised' : 'wechat.unsupported';
        return renderWechat([{ text: deps.program.t(locale, key) }], locale, deps.program.t);
      };
      if (mediaId && deps.speech) {
        const speechDeps = { ...turnDeps, speech: deps.speech };
        const running = voiceReply(speechDeps, message, mediaId, deps.now(), askToType);
        const answer = await answerReply(
          turnDeps,
          message.FromUserName,
          wechatMessageId(message),
          running,
        );
        return answered(answer, message);
      }
      const [text] = await askToType();
      return text === undefined ? success() : reply(message, text);
    }
    const answer = await answerTurn(
      turnDeps,
      mapped.message.FromUserName,
      mapped.inbound,
      mapped.heard,
    );
    return answered(answer, mapped.message);
  });

  return app;
}

/**
 * A voice message at a survey's text question: its audio is fetched at once (WeChat's
 * temporary media expires after 3 days) and kept, under the reply budget like any turn.
 * Undefined when the message is no voice, nothing keeps media, or no survey asks.
 */
async function surveyVoice(
  c: Context<AppEnv>,
  turnDeps: WechatTurnDeps,
  mapped: WechatInbound,
): Promise<{ answer: WechatAnswer; message: WechatMessage } | undefined> {
  const media = mediaDepsOf(c.var.deps);
  if (!media || mapped.kind === 'ignore') return undefined;
  const { message } = mapped;
  const mediaId = message.MediaId;
  if (message.MsgType.toLowerCase() !== 'voice' || !mediaId) return undefined;
  const from = {
    channel: 'wechat' as const,
    userId: message.FromUserName,
    messageId: wechatMessageId(message),
    receivedAt: c.var.deps.now(),
  };
  const target = await surveyVoiceTarget(media, from);
  if (!target) return undefined;
  const heard = cleanTranscript(message.Recognition ?? '');
  const running = surveyVoiceInbound(media, from, target, {
    ext: 'amr',
    load: () => turnDeps.client.fetchMedia(mediaId, MEDIA_MAX_BYTES),
    ...(heard ? { heard } : {}),
  }).then((inbound) => turnReply(turnDeps, inbound));
  const answer = await answerReply(turnDeps, message.FromUserName, from.messageId, running);
  return { answer, message };
}

/** The person's language from their profile (one read), for replies outside a turn. */
async function localeOf(c: Context<AppEnv>, message: WechatMessage): Promise<Locale> {
  const snapshot = await c.var.deps.store.load(
    { channel: 'wechat', userId: message.FromUserName },
    message.MsgId ?? '',
  );
  const profile = profileSchema.safeParse(snapshot.profile ?? {});
  return resolveLocale(profile.success ? profile.data : {}, undefined);
}

/** Keep work running after the response; without an execution context, just let it run. */
function runInBackground(c: Context<AppEnv>, work: Promise<unknown>): void {
  let ctx: { waitUntil(promise: Promise<unknown>): void } | undefined;
  try {
    ctx = c.executionCtx;
  } catch {
    ctx = undefined;
  }
  if (ctx) ctx.waitUntil(work);
  else void work;
}
