import type { Recipient } from '../../broadcast/audience';
import type { SendChoice } from '../../broadcast/choices';
import type { SendResult, Sender } from '../../broadcast/senders';
import type { WechatClient } from './client';
import { plainText, WECHAT_TEXT_LIMIT_BYTES } from './render';
import { splitText } from '../../core/message';

const utf8Bytes = (s: string) => new TextEncoder().encode(s).length;

/**
 * Broadcast sends on WeChat: customer-service text messages, which only reach people who
 * wrote in the last 48 hours (45015 counts as `outsideWindow`). A long text goes out in
 * parts; the first part that fails decides the result.
 */
export function wechatSender(client: WechatClient): Sender {
  return {
    async send(
      recipient: Recipient,
      text: string,
      choices?: readonly SendChoice[],
    ): Promise<SendResult> {
      // No buttons in a customer-service text: each choice becomes the command to type.
      const lines = (choices ?? []).map((c) => `${c.label} → ${c.command}`);
      const body = lines.length > 0 ? `${plainText(text)}\n\n${lines.join('\n')}` : plainText(text);
      const parts = splitText(body, WECHAT_TEXT_LIMIT_BYTES, utf8Bytes);
      const { failure } = await client.sendTexts(recipient.userId, parts);
      if (!failure) return { outcome: 'sent' };
      if (failure.kind === 'outside_window') return { outcome: 'outsideWindow' };
      if (failure.kind === 'blocked') return { outcome: 'blocked' };
      // -1 is WeChat's "system busy"; 45009 its daily API quota, which does not pass soon.
      return failure.errcode === -1
        ? { outcome: 'transient', detail: failure.message }
        : { outcome: 'failed', detail: failure.message };
    },
  };
}
