import type { Asker } from './answer';

/** One question of the evaluation set and what should come first. */
export interface EvalCase {
  q: string;
  /** `faq:<id>`, `lesson:<course>/<lesson>`, `fact:<id>` (id prefixes), `route:<check>`, `none`. */
  expect: string;
}

/** The quality figures of the issue: top-1, top-3, false answers. */
export interface EvalResult {
  answerable: number;
  unanswerable: number;
  top1: number;
  top3: number;
  falseAnswerRate: number;
  misses: { q: string; expect: string; got: string[] }[];
}

function matches(id: string, expect: string): boolean {
  return id === expect || id.startsWith(`${expect}#`) || id.startsWith(`${expect}:`);
}

/**
 * Run the evaluation set: for an answerable question, where the right passage (or the
 * routed check, which comes first) is among what we would show or rank; for an unanswerable
 * one, whether we answered anyway.
 */
export function evaluate(asker: Asker, cases: readonly EvalCase[]): EvalResult {
  const opens = new Map<string, string>();
  for (const p of asker.passages) {
    if (p.link.kind === 'faq' && p.opens && 'lesson' in p.opens)
      opens.set(`faq:${p.link.id}`, `lesson:${p.opens.lesson}`);
  }
  // A FAQ answer and the lesson it opens say the same thing: either is the right passage.
  const accepts = (id: string, expect: string) =>
    matches(id, expect) || (opens.has(expect) && matches(id, opens.get(expect)!));
  let answerable = 0;
  let unanswerable = 0;
  let top1 = 0;
  let top3 = 0;
  let falseAnswers = 0;
  const misses: EvalResult['misses'] = [];
  for (const c of cases) {
    const r = asker.ask(c.q);
    const ranked = [
      ...(r.routedTo ? [`route:${r.routedTo}`] : []),
      ...(r.passages.length ? r.hits.map((h) => h.passage.id) : []),
    ];
    if (c.expect === 'none') {
      unanswerable += 1;
      if (ranked.length > 0) {
        falseAnswers += 1;
        misses.push({ q: c.q, expect: c.expect, got: ranked.slice(0, 3) });
      }
      continue;
    }
    answerable += 1;
    const at = ranked.findIndex((id) => accepts(id, c.expect));
    if (at === 0) top1 += 1;
    if (at >= 0 && at < 3) top3 += 1;
    else misses.push({ q: c.q, expect: c.expect, got: ranked.slice(0, 3) });
  }
  return {
    answerable,
    unanswerable,
    top1: top1 / Math.max(1, answerable),
    top3: top3 / Math.max(1, answerable),
    falseAnswerRate: falseAnswers / Math.max(1, unanswerable),
    misses,
  };
}
