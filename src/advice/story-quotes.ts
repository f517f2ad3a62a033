import type { Locale } from '../core/message';
import type { StorytellingRules } from './rules-schema';
import { occurrences } from './story-text';

/** A quoted passage: where it starts and ends in {@link foldWhole}'s text. */
export type Span = readonly [start: number, end: number];

/**
 * The whole text folded for matching, with the same offsets as the text (no trimming or
 * collapsing): full-width forms to ASCII, curly single quotes to ', lower case.
 */
export function foldWhole(text: string): string {
  return text
    .replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[‘’]/g, "'")
    .toLowerCase();
}

// “…”, 「…」, "…", and '…' when the quote marks stand outside words (not "I'm").
const QUOTES = [
  /“([^”]{2,})”/g,
  /「([^」]{2,})」/g,
  /"([^"]{2,})"/g,
  /(?<![\p{L}\p{N}])'([^'\n]{2,}?)'(?![\p{L}\p{N}])/gu,
];

/** Whether an index falls inside one of the spans. */
export function inSpan(spans: readonly Span[], at: number): boolean {
  return spans.some(([start, end]) => at >= start && at < end);
}

/**
 * Quotes attributed to a buyer: a quoted passage with a customer word ("a customer in
 * Shanghai", "回头客说") within `quote_window` characters before or after it.
 *
 * @example customerQuotes("'Lovely tea' - a customer in Shanghai", rules, ['en']).spans.length // 1
 */
export function customerQuotes(
  text: string,
  rules: StorytellingRules,
  locales: readonly Locale[],
): { spans: Span[] } {
  const folded = foldWhole(text);
  const window = rules.quote_window.value;
  const spans: Span[] = [];
  for (const pattern of QUOTES) {
    for (const m of folded.matchAll(pattern)) {
      const start = m.index;
      const end = start + m[0].length;
      const around =
        folded.slice(Math.max(0, start - window), start) + ' | ' + folded.slice(end, end + window);
      const attributed = locales.some((l) =>
        rules.attribution[l].some((word) => occurrences(around, word).length > 0),
      );
      if (attributed && !inSpan(spans, start)) spans.push([start, end]);
    }
  }
  return { spans };
}
