/**
 * The tiny markup replies are written in (`**bold**`, `[label](https://url)`), read once
 * here for every channel: Telegram renders it as HTML, WeChat as plain text, the console
 * as a preview, and the web chat page draws it with the same pattern.
 */

/** A piece of a chat message: plain text, **bold**, or a [label](https://link). */
export type MarkupPart =
  | { kind: 'text'; text: string }
  | { kind: 'bold'; text: string }
  | { kind: 'link'; text: string; href: string };

/**
 * The markup's grammar as a regular expression source: group 1 is bold text, groups 2 and
 * 3 a link's label and http(s) address. The web chat page script embeds this very source.
 */
export const MARKUP_PATTERN_SOURCE = String.raw`\*\*([^*]+)\*\*|\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)`;

/**
 * Split a message written in the tiny markup into parts, left to right; markup does not
 * nest. Only http(s) links are links; anything else stays text. Pure.
 *
 * @example markupParts('**New** lesson') // [{kind:'bold',text:'New'},{kind:'text',text:' lesson'}]
 */
export function markupParts(text: string): MarkupPart[] {
  const parts: MarkupPart[] = [];
  let last = 0;
  for (const match of text.matchAll(new RegExp(MARKUP_PATTERN_SOURCE, 'g'))) {
    if (match.index > last) parts.push({ kind: 'text', text: text.slice(last, match.index) });
    parts.push(
      match[1] !== undefined
        ? { kind: 'bold', text: match[1] }
        : { kind: 'link', text: match[2]!, href: match[3]! },
    );
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}
