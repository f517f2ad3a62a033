import type { Locale } from '../core/message';
import { analyzer, type Analyzer } from './analyze';
import type { Knowledge, Passage } from './schema';

/** A passage found for a question, with its BM25 score and how much of the question it covers. */
export interface Hit {
  passage: Passage;
  score: number;
  /** Share of the question's weight (idf) whose terms the passage contains, 0..1. */
  coverage: number;
}

interface Shelf {
  docs: Passage[];
  lengths: number[];
  average: number;
  postings: Map<string, [number, number][]>;
  /** Built on the first unknown word that might be a typo (see {@link typoIndex}). */
  typos?: TypoIndex;
}

/** The shelf's terms and the lexicon's Latin words, each under itself and every one-letter deletion of it. */
interface TypoIndex {
  terms: string[];
  /** A term or a deletion of it -> the indexes in `terms` of the terms it comes from. */
  variants: Map<string, number[]>;
}

const K1 = 1.2;
const B = 0.75;
/**
 * What a light term (the seller's goods, a place, an amount) weighs against a term that
 * says what is asked, in a question with a word of the domain: "which platform for my
 * dried mushrooms" is about platforms, whatever the goods.
 */
export const LIGHT_WEIGHT = 0.2;

function shelf(docs: Passage[]): Shelf {
  const postings = new Map<string, [number, number][]>();
  const lengths = docs.map((doc, i) => {
    let length = 0;
    for (const [term, count] of Object.entries(doc.tf)) {
      length += count;
      const list = postings.get(term);
      if (list) list.push([i, count]);
      else postings.set(term, [[i, count]]);
    }
    return length;
  });
  const average = lengths.reduce((a, b) => a + b, 0) / Math.max(1, lengths.length);
  return { docs, lengths, average, postings };
}

/** Edit distance at most one (a typo: one letter wrong, missing, extra or swapped). */
function nearby(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1 || a === b) return a === b;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  if (a.length === b.length)
    return (
      a.slice(i + 1) === b.slice(i + 1) ||
      (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2))
    );
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** A word and each word one deletion away from it. */
function variantsOf(word: string): Set<string> {
  const out = new Set([word]);
  for (let i = 0; i < word.length; i++) out.add(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/**
 * The deletion index of a shelf's terms, once per shelf: two words within one edit (a
 * letter wrong, missing, extra, or two swapped) share a deletion or one is a deletion of
 * the other, so a typo's candidates are found in time linear in the word, not the corpus.
 */
function typoIndex(s: Shelf, lexiconWords: readonly string[]): TypoIndex {
  if (s.typos) return s.typos;
  const terms = [...new Set([...s.postings.keys(), ...lexiconWords])];
  const variants = new Map<string, number[]>();
  terms.forEach((term, i) => {
    // A possible typo has five letters or more, so a term within one edit has four.
    if (term.length < 4) return;
    for (const v of variantsOf(term)) {
      const list = variants.get(v);
      if (list) list.push(i);
      else variants.set(v, [i]);
    }
  });
  return (s.typos = { terms, variants });
}

/**
 * The first of the shelf's terms (in index order, then the lexicon's words) within one edit
 * of `word` and with its first letter, if any: people seldom mistype the first letter, and
 * "stock" is not "stick".
 */
function nearestTerm(s: Shelf, word: string, lexiconWords: readonly string[]): string | undefined {
  const index = typoIndex(s, lexiconWords);
  let best = -1;
  for (const v of variantsOf(word)) {
    for (const i of index.variants.get(v) ?? []) {
      const term = index.terms[i]!;
      if ((best === -1 || i < best) && term[0] === word[0] && nearby(word, term)) best = i;
    }
  }
  return best === -1 ? undefined : index.terms[best];
}

/**
 * The knowledge base searched with BM25, one shelf per language. Built once per isolate
 * from the bundle's prebuilt term counts (and again when trainers' answers change).
 */
export class KnowledgeIndex {
  readonly analyze: Analyzer;
  private readonly shelves: Record<Locale, Shelf>;

  constructor(knowledge: Pick<Knowledge, 'lexicon' | 'passages'>, extra: readonly Passage[] = []) {
    this.analyze = analyzer(knowledge.lexicon);
    const all = [...knowledge.passages, ...extra];
    this.shelves = {
      'zh-CN': shelf(all.filter((p) => p.locale === 'zh-CN')),
      en: shelf(all.filter((p) => p.locale === 'en')),
    };
  }

  /** The language to search in: Chinese when the question has any Chinese character. */
  static localeOf(question: string): Locale {
    return /[\u3400-\u9fff]/.test(question) ? 'zh-CN' : 'en';
  }

  private idf(s: Shelf, df: number): number {
    const n = s.docs.length;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /**
   * A word the shelf does not know, of five letters or more, read as the term or lexicon
   * word one edit away ("platfrom" -> platform -> 平台), or left as it is.
   */
  private correct(s: Shelf, term: string): string {
    if (s.postings.has(term) || !/^[a-z]{5,}$/.test(term) || this.analyze.isLight(term))
      return term;
    const near = nearestTerm(s, term, this.analyze.latinWords);
    return near === undefined ? term : (this.analyze.known(near) ?? near);
  }

  /** The best passages for a question, best first (at most `limit`). */
  search(question: string, limit = 3, locale = KnowledgeIndex.localeOf(question)): Hit[] {
    const s = this.shelves[locale];
    const terms = [...new Set(this.analyze.terms(question).map((t) => this.correct(s, t)))];
    if (terms.length === 0 || s.docs.length === 0) return [];
    // Goods and places weigh little beside a word of the domain (平台, 快递, label); without
    // one the question is about the goods themselves (how to cook mushrooms), which we do
    // not know, and they weigh in full.
    const aboutSelling = terms.some((t) => this.analyze.isDomain(t));
    const unknownIdf = this.idf(s, 0);
    const scores = new Map<number, { score: number; weight: number }>();
    let total = 0;
    for (const term of terms) {
      const weight = aboutSelling && this.analyze.isLight(term) ? LIGHT_WEIGHT : 1;
      const list = s.postings.get(term);
      if (!list) {
        total += unknownIdf * weight;
        continue;
      }
      const idf = this.idf(s, list.length) * weight;
      total += idf;
      for (const [doc, tf] of list) {
        const norm = tf + K1 * (1 - B + (B * (s.lengths[doc] ?? 0)) / s.average);
        const entry = scores.get(doc) ?? { score: 0, weight: 0 };
        entry.score += (idf * tf * (K1 + 1)) / norm;
        entry.weight += idf;
        scores.set(doc, entry);
      }
    }
    return [...scores.entries()]
      .map(([doc, { score, weight }]) => ({
        passage: s.docs[doc]!,
        score,
        coverage: total > 0 ? weight / total : 0,
      }))
      .sort((a, b) => b.score - a.score || a.passage.id.localeCompare(b.passage.id))
      .slice(0, limit);
  }
}
