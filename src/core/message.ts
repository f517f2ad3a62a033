/**
 * The channel-neutral message model. Channel adapters translate their payloads into
 * `Inbound` and render `Outbound`; nothing in the core knows which channel a message used.
 */

/** Languages the bot speaks. zh-CN is the default. */
export const LOCALES = ['zh-CN', 'en'] as const;

/** A language the bot speaks. */
export type Locale = (typeof LOCALES)[number];

/** The default language when nothing else is known. */
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** Channels the bot is reachable on. */
export type ChannelName = 'webchat' | 'telegram' | 'wechat';

/**
 * What kind of input a person sent. `stop`: they blocked or left the bot; `resume`: they
 * came back (unblocked) without saying anything.
 */
export type InboundKind = 'text' | 'choice' | 'command' | 'start' | 'stop' | 'resume';

/** One message from a person, after the channel adapter has verified and parsed it. */
export interface Inbound {
  channel: ChannelName;
  userId: string;
  /** The channel's id for this message; a re-delivery carries the same id. */
  messageId: string;
  kind: InboundKind;
  text?: string;
  choiceId?: string;
  /** For a choice: the `ref` of the reply whose button was pressed, when the channel kept it. */
  ref?: string;
  /** Command name without the slash, lower case (`start`, `lang`, ...). */
  command?: string;
  /** Whatever followed the command, e.g. the deep-link payload of `/start`. */
  args?: string;
  /** The channel's idea of the person's language (Telegram `language_code`, browser). */
  localeHint?: string;
  /** Milliseconds since the epoch, as the channel reported or the shell observed. */
  receivedAt: number;
  /**
   * What the shell vouches for about the sender, from its configuration (`trainer` for the
   * Telegram ids in TRAINER_TELEGRAM_IDS). Channels never take it from what people send.
   */
  roles?: readonly string[];
  /** Set by the shell for turns the bot runs itself (a drip, a block): never rate-limited. */
  system?: boolean;
  /** A voice message the shell read before the turn (see {@link VoiceInput}). */
  voice?: VoiceInput;
}

/**
 * A voice message as the engine sees it: the shell has already fetched and kept its audio
 * (`key`, where it is stored; absent when it was not kept) and, where speech to text is
 * configured, what was heard. The engine never fetches anything.
 */
export interface VoiceInput {
  key?: string;
  transcript?: string;
}

/** One button or numbered option offered with a reply. */
export interface Choice {
  id: string;
  label: string;
}

/**
 * One reply. `text` is plain text with a tiny markup that every adapter renders or
 * strips: `**bold**` and `[label](https://url)`.
 */
export interface Outbound {
  text: string;
  choices?: Choice[];
  /**
   * Set on the reply that asks the open question: channels keep it with the buttons
   * (Telegram callback data) so a press on an older question's button is recognised.
   */
  ref?: string;
}

/**
 * Split a text into parts no longer than `limit` units, preferring paragraph breaks,
 * then line breaks, then spaces; never inside a surrogate pair. `measure` must be
 * additive (string length, UTF-8 bytes).
 *
 * @example splitText('a\n\nb', 1) // ['a', 'b']
 */
export function splitText(
  text: string,
  limit: number,
  measure = (s: string) => s.length,
): string[] {
  const parts: string[] = [];
  let rest = text;
  while (measure(rest) > limit) {
    const cut = findCut(rest, limit, measure);
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length > 0 || parts.length === 0) parts.push(rest);
  return parts;
}

function findCut(text: string, limit: number, measure: (s: string) => number): number {
  let fit = 0;
  let used = 0;
  for (const ch of text) {
    used += measure(ch);
    if (used > limit) break;
    fit += ch.length;
  }
  const window = text.slice(0, fit);
  for (const sep of ['\n\n', '\n', ' ']) {
    const at = window.lastIndexOf(sep);
    if (at > fit / 3) return at + sep.length;
  }
  // Not even one character fits: take one whole code point rather than loop forever.
  return fit > 0 ? fit : String.fromCodePoint(text.codePointAt(0) ?? 32).length;
}
