import type { Locale } from '../core/message';
import { routeQuestion } from './route';
import type { CheckId, Knowledge, Passage } from './schema';
import { KnowledgeIndex, type Hit } from './search';

/** Below this share of the question covered, we say we do not know. */
export const MIN_CONFIDENCE = 0.45;
/** A second passage is shown only when it scores at least this share of the first. */
const SECOND_SHARE = 0.6;

/** What a question came to: a check to offer, passages to show, or nothing we know. */
export interface AskResult {
  locale: Locale;
  routedTo?: CheckId;
  passages: Passage[];
  /** The first passage's coverage of the question, 0..1 (1 for a routed question). */
  confidence: number;
  /** The best hits, shown or not (the evaluation reads them). */
  hits: Hit[];
}

/** The knowledge base, ready to answer: built once per isolate. */
export interface Asker {
  ask(question: string): AskResult;
  index: KnowledgeIndex;
  /** Every passage it searches. */
  passages: readonly Passage[];
}

/**
 * Build the asker over the bundle's knowledge (and trainers' answers from the store).
 *
 * @example asker(bundle.knowledge).ask('保证金要交多少')
 */
export function asker(knowledge: Knowledge, extra: readonly Passage[] = []): Asker {
  const index = new KnowledgeIndex(knowledge, extra);
  return {
    index,
    passages: [...knowledge.passages, ...extra],
    ask(question) {
      const locale = KnowledgeIndex.localeOf(question);
      const hits = index.search(question, 3, locale);
      const routedTo = routeQuestion(knowledge.routes, knowledge.negations, question);
      // One Chinese character or two letters ("村", "ok") say too little to answer from.
      const meaningful = index.analyze
        .terms(question)
        .some((t) => t.length >= (/[\u3400-\u9fff]/.test(t) ? 2 : 3));
      const top = meaningful ? hits[0] : undefined;
      const confidence = routedTo ? 1 : (top?.coverage ?? 0);
      const passages =
        top && top.coverage >= MIN_CONFIDENCE
          ? hits
              .filter(
                (h, i) =>
                  i === 0 ||
                  (i === 1 && h.coverage >= MIN_CONFIDENCE && h.score >= top.score * SECOND_SHARE),
              )
              .map((h) => h.passage)
          : [];
      return { locale, ...(routedTo ? { routedTo } : {}), passages, confidence, hits };
    },
  };
}
