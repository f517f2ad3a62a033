import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import type { Update } from 'grammy/types';
import type { Locale } from '../src/core/message';
import type { FakeBotApi } from '../test/support/bot-api';
import { TELEGRAM, WECHAT } from './harness';
import type { ResolvedTurn } from './transcript';

/** Channels a transcript can be replayed on. */
export const CHANNELS = ['webchat', 'telegram', 'wechat'] as const;

/** See {@link CHANNELS}. */
export type Channel = (typeof CHANNELS)[number];

/**
 * Turns a transcript's turns into the HTTP requests a channel's platform would send. Building
 * and reading requests happens outside the measured window.
 */
export interface Driver {
  readonly channel: Channel;
  /** The request for one turn of person number `user`. */
  request(user: number, turn: ResolvedTurn, locale: Locale): Request;
  /** Read the answer (the web chat keeps the open question's ref, as the page does). */
  observe(user: number, response: Response): Promise<void>;
  /** Forget what was kept between people. */
  reset(): void;
}

const ORIGIN = 'http://bench.local';

/**
 * A POST as the platform delivers it: with Content-Length, which the browser, Telegram and
 * WeChat all send (Node's Request leaves it out for a string body, and hono's body limit
 * then re-reads the body into a second Request, a cost no real update pays).
 */
function post(
  url: string,
  contentType: string,
  body: string,
  headers: Record<string, string> = {},
): Request {
  const length = String(new TextEncoder().encode(body).length);
  return new Request(url, {
    method: 'POST',
    headers: { 'Content-Type': contentType, 'Content-Length': length, ...headers },
    body,
  });
}

/** The web chat page: JSON turns, buttons sent back with the ref of their message. */
export function webchatDriver(): Driver {
  const refs = new Map<number, string>();
  return {
    channel: 'webchat',
    request(user, turn, locale) {
      const body =
        'tap' in turn
          ? { userId: `bench-${user}`, locale, choiceId: turn.tap, ref: refs.get(user) }
          : { userId: `bench-${user}`, locale, text: turn.user };
      return post(`${ORIGIN}/webchat/api/messages`, 'application/json', JSON.stringify(body));
    },
    async observe(user, response) {
      const json = (await response.json()) as { messages?: { ref?: string }[] };
      const ref = json.messages?.findLast((m) => m.ref !== undefined)?.ref;
      if (ref !== undefined) refs.set(user, ref);
    },
    reset: () => refs.clear(),
  };
}

/**
 * Telegram updates as Telegram sends them: text messages (with a `bot_command` entity for
 * commands) and button presses whose callback data is read from the last keyboard the bot
 * sent to that chat, as a Telegram client would. Shared by our bot and the peer.
 */
export class TelegramUpdates {
  private updateId = 1;

  constructor(private readonly api: FakeBotApi) {}

  /** The next update for person `user` (their chat id). */
  next(user: number, turn: ResolvedTurn, locale: Locale): Update {
    const from = { id: user, is_bot: false, first_name: 'Seller', language_code: locale };
    const chat = { id: user, type: 'private' as const, first_name: 'Seller' };
    const update_id = this.updateId++;
    if ('tap' in turn) {
      const { data, messageId } = this.button(user, turn.tap);
      const message = { message_id: messageId, date: 0, chat, text: 'question' };
      return {
        update_id,
        callback_query: { id: `cb${update_id}`, from, chat_instance: 'bench', data, message },
      } as Update;
    }
    const entities = turn.user.startsWith('/')
      ? [{ type: 'bot_command', offset: 0, length: turn.user.split(/\s/)[0]!.length }]
      : undefined;
    return {
      update_id,
      message: { message_id: update_id, date: 0, chat, from, text: turn.user, entities },
    } as Update;
  }

  /** The callback data of the button for `choiceId` on the last keyboard sent to the chat. */
  private button(chatId: number, choiceId: string): { data: string; messageId: number } {
    for (let i = this.api.calls.length - 1; i >= 0; i--) {
      const call = this.api.calls[i]!;
      if (call.method !== 'sendMessage' || Number(call.payload.chat_id) !== chatId) continue;
      const markup = call.payload.reply_markup as
        { inline_keyboard?: { callback_data?: string }[][] } | undefined;
      if (!markup?.inline_keyboard) continue;
      const data = markup.inline_keyboard
        .flat()
        .map((b) => b.callback_data ?? '')
        .find((d) => d.split(/[|:]/).at(-1) === choiceId);
      if (data === undefined) throw new Error(`no button ${choiceId} on the last keyboard`);
      return { data, messageId: call.messageId ?? 0 };
    }
    throw new Error(`no keyboard was sent to chat ${chatId}`);
  }
}

/** Telegram: updates POSTed to the webhook with the secret header. */
export function telegramDriver(api: FakeBotApi): Driver {
  const updates = new TelegramUpdates(api);
  return {
    channel: 'telegram',
    request: (user, turn, locale) =>
      post(
        `${ORIGIN}/telegram/webhook`,
        'application/json',
        JSON.stringify(updates.next(user, turn, locale)),
        { 'X-Telegram-Bot-Api-Secret-Token': TELEGRAM.secret },
      ),
    observe: async (_user, response) => void (await response.arrayBuffer()),
    reset: () => api.reset(),
  };
}

const sha1 = (...parts: string[]) =>
  createHash('sha1')
    .update([...parts].sort().join(''), 'utf8')
    .digest('hex');

/** WeChat safe mode: AES-256-CBC, PKCS#7 to 32 bytes, `random(16) + length + xml + appId`. */
function encrypt(xml: string): string {
  const key = Buffer.from(`${WECHAT.aesKey}=`, 'base64');
  const body = Buffer.from(xml, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const plain = Buffer.concat([randomBytes(16), length, body, Buffer.from(WECHAT.appId)]);
  const pad = 32 - (plain.length % 32);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  return Buffer.concat([
    cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])),
    cipher.final(),
  ]).toString('base64');
}

/**
 * WeChat in safe mode, as the WeChat server sends: signed query, encrypted XML. WeChat has no
 * buttons: a tap is typed as the option's number.
 */
export function wechatDriver(): Driver {
  let msgId = 10_000_000_000;
  return {
    channel: 'wechat',
    request(user, turn) {
      const content = 'tap' in turn ? String(turn.index) : turn.user;
      const timestamp = String(Math.floor(Date.now() / 1000));
      const nonce = String(msgId);
      const xml =
        `<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><FromUserName><![CDATA[obench${user}]]></FromUserName>` +
        `<CreateTime>${timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType>` +
        `<Content><![CDATA[${content}]]></Content><MsgId>${msgId++}</MsgId></xml>`;
      const sealed = encrypt(xml);
      const query = new URLSearchParams({
        signature: sha1(WECHAT.token, timestamp, nonce),
        timestamp,
        nonce,
        openid: `obench${user}`,
        encrypt_type: 'aes',
        msg_signature: sha1(WECHAT.token, timestamp, nonce, sealed),
      });
      const body = `<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><Encrypt><![CDATA[${sealed}]]></Encrypt></xml>`;
      return post(`${ORIGIN}/wechat?${query}`, 'text/xml', body);
    },
    observe: async (_user, response) => void (await response.arrayBuffer()),
    reset: () => undefined,
  };
}

/** The driver for a channel. */
export function driverFor(channel: Channel, api: FakeBotApi): Driver {
  if (channel === 'telegram') return telegramDriver(api);
  if (channel === 'wechat') return wechatDriver();
  return webchatDriver();
}
