/**
 * Source markers in lesson bodies. A line (a paragraph or a list item) that states a fact
 * ends with `[^id]`, where `id` is a source of the course (`sources` in course.yaml) or a
 * built-in one: `[^ours]` for our own rule of thumb, `[^example]` for numbers made up to
 * show a sum. The build refuses a line with a figure (any digit) and no marker; the chat
 * shows each marker as `[1]`, `[2]` and lists the sources under the lesson, in the
 * person's language.
 */
import type { SomeLanguages } from './schema';

/** Sources every course knows without listing them: they are ours, not outside facts. */
export const BUILT_IN_SOURCES: Readonly<Record<string, SomeLanguages>> = {
  ours: {
    'zh-CN': '我们的经验做法（乡村卖家助手课程组），不是法规，也不是平台规定',
    en: 'Our rule of thumb (Village Seller Assistant course team), not a law or a platform rule',
  },
  example: {
    'zh-CN': '举例用的数字，不是实际数据',
    en: 'Numbers made up for the example, not real data',
  },
};

const MARKER = /\[\^([a-z][a-z0-9_]*)\]/g;
const LIST_NUMBER = /^\s*\d{1,2}[.、)]\s*/;
const DIGIT = /[0-9０-９]/;

/**
 * The source ids a body cites, each once, in the order they first appear.
 *
 * @example citedIds('7,780 villages.[^counts] See [^criteria]') // ['counts', 'criteria']
 */
export function citedIds(body: string): string[] {
  return [...new Set([...body.matchAll(MARKER)].map((m) => m[1]!))];
}

/** A line of a lesson body that states a figure without saying where it comes from. */
export interface UncitedLine {
  /** 1-based line of the body. */
  line: number;
  text: string;
}

/**
 * Lines with a figure (a digit, list numbers aside) and no `[^id]` marker.
 *
 * @example uncitedLines('In 2009 there were 3.\n1. Ask your county.') // [{ line: 1, text: 'In 2009 there were 3.' }]
 */
export function uncitedLines(body: string): UncitedLine[] {
  return body.split('\n').flatMap((text, i) => {
    const bare = text.replace(LIST_NUMBER, '');
    const hasMarker = new RegExp(MARKER.source).test(bare);
    return DIGIT.test(bare.replace(MARKER, '')) && !hasMarker ? [{ line: i + 1, text }] : [];
  });
}

/**
 * A body with its markers numbered (`[^counts]` → `[1]`) and the sources it cites in that
 * order, as labels looked up by id (unknown ids are left out; the build refuses them).
 *
 * @example numberCitations('3 villages.[^counts]', (id) => labels[id]) // { text: '3 villages.[1]', sources: ['[1] Xinhua …'] }
 */
export function numberCitations(
  body: string,
  label: (id: string) => string | undefined,
): { text: string; sources: string[] } {
  const ids = citedIds(body).filter((id) => label(id) !== undefined);
  const text = body.replace(MARKER, (_, id: string) => {
    const n = ids.indexOf(id);
    return n < 0 ? '' : `[${n + 1}]`;
  });
  return { text, sources: ids.map((id, i) => `[${i + 1}] ${label(id)!}`) };
}
