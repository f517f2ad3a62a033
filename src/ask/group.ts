import type { Analyzer } from './analyze';

/** One logged question (`ask:questions`): no person id, only what was asked and shown. */
export interface LoggedQuestion {
  q: string;
  locale: string;
  at: number;
  /** `unknown` (we said we do not know), `low` (answered with low confidence), `not_helpful`. */
  reason: string;
  shown?: string[];
}

/** Questions that read alike, with how often and how they were asked. */
export interface QuestionGroup {
  /** The most recent wording. */
  question: string;
  locale: string;
  count: number;
  reasons: Record<string, number>;
  /** Up to five different wordings, newest first. */
  examples: string[];
  /** Passages shown for them (what did not help), by id. */
  shown: string[];
  lastAt: number;
}

function overlap(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let both = 0;
  for (const t of a) if (b.has(t)) both += 1;
  return both / (a.size + b.size - both);
}

/**
 * Group logged questions by similarity: the search terms they share (Jaccard ≥ `alike`),
 * each joining the first group it fits, newest first; biggest groups first.
 */
export function groupQuestions(
  entries: readonly LoggedQuestion[],
  analyze: Analyzer,
  alike = 0.5,
): QuestionGroup[] {
  const groups: (QuestionGroup & { terms: Set<string> })[] = [];
  const newest = [...entries].sort((a, b) => b.at - a.at);
  for (const e of newest) {
    const terms = new Set(analyze.terms(e.q));
    const key = e.q.trim().toLowerCase();
    const group = groups.find(
      (g) =>
        g.locale === e.locale &&
        (g.examples.some((x) => x.trim().toLowerCase() === key) ||
          overlap(g.terms, terms) >= alike),
    );
    if (!group) {
      groups.push({
        question: e.q,
        locale: e.locale,
        count: 1,
        reasons: { [e.reason]: 1 },
        examples: [e.q],
        shown: [...(e.shown ?? [])],
        lastAt: e.at,
        terms,
      });
      continue;
    }
    group.count += 1;
    group.reasons[e.reason] = (group.reasons[e.reason] ?? 0) + 1;
    if (group.examples.length < 5 && !group.examples.some((x) => x.trim().toLowerCase() === key))
      group.examples.push(e.q);
    for (const id of e.shown ?? []) if (!group.shown.includes(id)) group.shown.push(id);
  }
  return groups
    .sort((a, b) => b.count - a.count || b.lastAt - a.lastAt)
    .map(({ terms: _terms, ...g }) => g);
}
