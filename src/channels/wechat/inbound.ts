import * as z from 'zod';
import type { Inbound } from '../../core/message';
import { typedInput } from '../../core/inbound-text';
import { cleanTranscript } from '../../shell/speech';
import { commandOfClickKey } from './menu';
import type { XmlFields } from './xml';

/** What a WeChat message means for us. */
export type WechatInbound =
  /** Run a turn and reply. */
  | { kind: 'turn'; message: WechatMessage; inbound: Inbound; heard?: string }
  /**
   * Something we cannot read (a photo, an unrecognised voice): ask the person to type. A
   * voice message's `mediaId` lets speech to text try first, when it is configured.
   */
  | { kind: 'unsupported'; message: WechatMessage; reason: 'media' | 'voice'; mediaId?: string }
  /** Nothing to do (menu links, location reports, job notices): answer `success`. */
  | { kind: 'ignore'; reason: string };

const id = z.string().trim().min(1).max(128);

/** The fields every WeChat message carries, and those we read. */
export const wechatMessageSchema = z.object({
  /** The account's original id (`gh_...`): the `FromUserName` of our reply. */
  ToUserName: id,
  /** The person's OpenID for this account. */
  FromUserName: id,
  CreateTime: z
    .string()
    .trim()
    .regex(/^\d{1,12}$/),
  MsgType: z.string().trim().min(1).max(32),
  MsgId: z
    .string()
    .trim()
    .regex(/^\d{1,24}$/)
    .optional(),
  Content: z.string().max(4096).optional(),
  Recognition: z.string().max(4096).optional(),
  MediaId: z.string().trim().min(1).max(256).optional(),
  Event: z.string().trim().max(64).optional(),
  EventKey: z.string().trim().max(256).optional(),
});

/** A WeChat message after validation. */
export type WechatMessage = z.infer<typeof wechatMessageSchema>;

/**
 * The de-duplication key: `MsgId` for messages; for events, which have none, WeChat's
 * advice is FromUserName + CreateTime (the user is already part of the stored key), with
 * the event and its key so two different clicks in one second stay apart.
 */
export function wechatMessageId(message: WechatMessage): string {
  if (message.MsgId) return message.MsgId;
  return `event:${message.CreateTime}:${message.Event ?? ''}:${message.EventKey ?? ''}`;
}

/**
 * Map a WeChat message (already verified and decrypted) to a channel-neutral inbound.
 * No locale hint: WeChat users start in zh-CN.
 */
export function toWechatInbound(fields: XmlFields, receivedAt: number): WechatInbound {
  const parsed = wechatMessageSchema.safeParse(fields);
  if (!parsed.success) return { kind: 'ignore', reason: 'not a WeChat message' };
  const message = parsed.data;
  const base = baseOf(message, receivedAt);
  const turn = (inbound: Inbound): WechatInbound => ({ kind: 'turn', message, inbound });

  switch (message.MsgType.toLowerCase()) {
    case 'text':
      if (!message.Content?.trim()) return { kind: 'unsupported', message, reason: 'media' };
      return turn({ ...base, ...typedInput(message.Content.trim()) });
    case 'voice': {
      // Recognition is often missing or empty: a bonus when present, never relied on.
      const heard = cleanTranscript(message.Recognition ?? '');
      if (heard) return heardTurn(message, heard, receivedAt);
      const mediaId = message.MediaId;
      return { kind: 'unsupported', message, reason: 'voice', ...(mediaId ? { mediaId } : {}) };
    }
    case 'event':
      return eventInbound(message, base, turn);
    default:
      // image, video, shortvideo, location, link, file, ...
      return { kind: 'unsupported', message, reason: 'media' };
  }
}

function baseOf(message: WechatMessage, receivedAt: number) {
  return {
    channel: 'wechat' as const,
    userId: message.FromUserName,
    messageId: wechatMessageId(message),
    receivedAt,
  };
}

/**
 * A voice message's words (WeChat's Recognition or our speech to text) as typed text,
 * said back first ("I heard: …") so a misheard question is seen as such.
 */
export function heardTurn(
  message: WechatMessage,
  heard: string,
  receivedAt: number,
): Extract<WechatInbound, { kind: 'turn' }> {
  const inbound: Inbound = { ...baseOf(message, receivedAt), kind: 'text', text: heard };
  return { kind: 'turn', message, inbound, heard };
}

function eventInbound(
  message: WechatMessage,
  base: Omit<Inbound, 'kind'>,
  turn: (inbound: Inbound) => WechatInbound,
): WechatInbound {
  const key = message.EventKey ?? '';
  switch ((message.Event ?? '').toLowerCase()) {
    case 'subscribe': {
      // Following through a parametric QR code carries its scene: a deep link.
      const scene = key.startsWith('qrscene_') ? key.slice('qrscene_'.length) : '';
      return turn({ ...base, kind: 'start', ...(scene ? { args: scene } : {}) });
    }
    case 'scan':
      return turn({ ...base, kind: 'start', ...(key ? { args: key } : {}) });
    case 'unsubscribe':
      return turn({ ...base, kind: 'stop' });
    case 'click': {
      const command = commandOfClickKey(key);
      if (!command) return { kind: 'ignore', reason: `unknown menu key ${key.slice(0, 64)}` };
      return turn(
        command === 'start' ? { ...base, kind: 'start' } : { ...base, kind: 'command', command },
      );
    }
    default:
      return { kind: 'ignore', reason: `event ${message.Event ?? 'without a name'}` };
  }
}
