import { markupParts } from '../../core/markup';
import { splitText, type Choice, type Locale, type Outbound } from '../../core/message';
import type { Translate } from '../../core/text';

/**
 * Most bytes of text one WeChat message carries (passive replies and customer-service
 * text alike are documented at about 2048 bytes of UTF-8).
 */
export const WECHAT_TEXT_LIMIT_BYTES = 2048;

/** Customer-service messages WeChat accepts per message from the person. */
export const CUSTOMER_SERVICE_PER_MESSAGE = 5;

const encoder = new TextEncoder();
const utf8Bytes = (s: string) => encoder.encode(s).length;

/**
 * Render the tiny markup as plain text: `**bold**` loses its stars and a link becomes its
 * label followed by the bare URL (WeChat makes bare URLs tappable). A link inside bold
 * text, or bold inside a link's label, loses its markup too.
 *
 * @example plainText('**注意** [指南](https://x.cn)') // "注意 指南 https://x.cn"
 */
export function plainText(text: string): string {
  return markupParts(text)
    .map((part) => {
      if (part.kind === 'text') return part.text;
      const inner = plainText(part.text);
      if (part.kind === 'bold') return inner;
      return inner === part.href ? part.href : `${inner} ${part.href}`;
    })
    .join('');
}

/**
 * The line telling the person how to answer: "回复 1、2 或 3" for a few choices, a range
 * for many. Typing the label works too; the engine accepts both.
 */
export function choiceHint(count: number, locale: Locale, t: Translate): string {
  if (count <= 1) return t(locale, 'wechat.reply_one');
  if (count > 5) return t(locale, 'wechat.reply_range', { max: count });
  const numbers = Array.from({ length: count }, (_, i) => String(i + 1));
  return t(locale, 'wechat.reply_pick', {
    first: numbers.slice(0, -1).join(t(locale, 'wechat.list_separator')),
    last: numbers.at(-1)!,
  });
}

/** One reply as WeChat text: the text, then numbered choices and the hint. */
export function renderReply(reply: Outbound, locale: Locale, t: Translate): string {
  const text = plainText(reply.text);
  const choices: readonly Choice[] = reply.choices ?? [];
  if (choices.length === 0) return text;
  const lines = choices.map((choice, i) => `${i + 1}. ${choice.label}`);
  return `${text}\n${lines.join('\n')}\n${choiceHint(choices.length, locale, t)}`;
}

/**
 * Render a turn's replies as WeChat text messages: all replies in one message (a passive
 * reply carries one), split on paragraph boundaries when over the byte limit. The first
 * part is the passive reply; the rest go through the customer-service API.
 */
export function renderWechat(
  replies: readonly Outbound[],
  locale: Locale,
  t: Translate,
  limitBytes = WECHAT_TEXT_LIMIT_BYTES,
): string[] {
  const text = replies
    .map((reply) => renderReply(reply, locale, t))
    .filter((part) => part.trim() !== '')
    .join('\n\n');
  if (text === '') return [];
  return splitText(text, limitBytes, utf8Bytes);
}
