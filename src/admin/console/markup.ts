/** A piece of a chat message: plain text, **bold**, or a [label](https://link). */
export type MarkupPart =
  | { kind: 'text'; text: string }
  | { kind: 'bold'; text: string }
  | { kind: 'link'; text: string; href: string };

/**
 * Split a message written in the bot's tiny markup (`**bold**`, `[label](https://url)`) the
 * way the channels render it, so a preview shows what people will see. Only http(s) links
 * are links; anything else stays text.
 *
 * @example markupParts('**New** lesson') // [{kind:'bold',text:'New'},{kind:'text',text:' lesson'}]
 */
export function markupParts(text: string): MarkupPart[] {
  const pattern = /\*\*([^*]+)\*\*|\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g;
  const parts: MarkupPart[] = [];
  let last = 0;
  for (const match of text.matchAll(pattern)) {
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
