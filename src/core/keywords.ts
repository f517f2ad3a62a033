import * as z from 'zod';
import { normalizeInput } from './parse';

/**
 * A keyword route: free text outside any flow that mentions one of `contains`, or is
 * exactly one of `exact`, opens `flow` instead of the "did not understand" menu.
 *
 * @example { "flow": "logistics", "contains": ["运费", "快递", "shipping"] }
 * @example { "flow": "plan", "exact": ["下一步", "next step"] }
 */
export const keywordRouteSchema = z
  .object({
    flow: z.string().min(1),
    contains: z.array(z.string().trim().min(1)).default([]),
    exact: z.array(z.string().trim().min(1)).default([]),
  })
  .strict()
  .refine((r) => r.contains.length + r.exact.length > 0, {
    message: 'give at least one keyword in "contains" or "exact"',
  });

/** See {@link keywordRouteSchema}. */
export type KeywordRoute = z.infer<typeof keywordRouteSchema>;

/** Which route matched, and on which keyword (for analytics). */
export interface KeywordMatch {
  flow: string;
  keyword: string;
}

/** Fold text for matching: full-width to ASCII, lower case, one kind of space and quote. */
export function foldText(text: string): string {
  return normalizeInput(text).toLowerCase().replace(/\s+/g, ' ').replace(/[‘’]/g, "'");
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Whether a folded text mentions a keyword. A Latin keyword must start a word ("story"
 * finds "my story" and "storytelling", not "history"); a Chinese one may appear anywhere,
 * as Chinese has no spaces between words.
 */
export function mentions(folded: string, keyword: string): boolean {
  const word = foldText(keyword);
  if (!/^[a-z0-9]/.test(word)) return folded.includes(word);
  return new RegExp(`(^|[^a-z0-9])${escapeRegExp(word)}`).test(folded);
}

/**
 * Find the route for a free text: an exact match anywhere in the list wins over a
 * mention; among mentions, the first route in content order wins.
 *
 * @example matchKeyword([{ flow: 'logistics', contains: ['运费'], exact: [] }], '运费太贵了') // { flow: 'logistics', keyword: '运费' }
 */
export function matchKeyword(
  routes: readonly KeywordRoute[],
  text: string,
): KeywordMatch | undefined {
  const folded = foldText(text);
  if (folded === '') return undefined;
  const bare = folded.replace(/[.!?。！？~～]+$/, '');
  for (const route of routes) {
    const hit = route.exact.find((keyword) => foldText(keyword) === bare);
    if (hit) return { flow: route.flow, keyword: hit };
  }
  for (const route of routes) {
    const hit = route.contains.find((keyword) => mentions(folded, keyword));
    if (hit) return { flow: route.flow, keyword: hit };
  }
  return undefined;
}
