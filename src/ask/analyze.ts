/**
 * Text to search terms, the same at content time (passages) and per question: Chinese cut
 * by the domain vocabulary first (so 淘宝村 stays one word), the rest by
 * `Intl.Segmenter('zh', { granularity: 'word' })`; English clitics split off ("what's",
 * "don't"); Latin words folded to a crude stem; both mapped through the synonym groups to one
 * term each; stop words dropped. Light terms (a seller's goods and places, amounts) stay in
 * the question but weigh little in it (see `KnowledgeIndex.search`).
 */

import { AMOUNT, CJK, joinPlaces, PLACE, splitClitic, stem } from './words';

/** The vocabulary and synonyms of `content/ask/lexicon.yaml`. */
export interface LexiconData {
  /** Domain words the segmenter must keep whole (淘宝村, 抖音小店, 运费险 …). */
  vocabulary: readonly string[];
  /** Groups of words that mean the same here; every word of a group searches as the first. */
  synonyms: readonly (readonly string[])[];
  /** Words that carry no meaning for search (怎么, 的, how, the …). */
  stopwords: readonly string[];
  /**
   * Words that name the seller's own goods or places (茶叶, honey, 云南, Beijing): they say
   * what the question is about, not what it asks, so they weigh little. A word of a synonym
   * group is never light.
   */
  light?: readonly string[];
}

/** A lexicon ready to use: built once per isolate (or per content build). */
export interface Analyzer {
  terms(text: string): string[];
  /** Whether a term (from {@link Analyzer.terms}) is light: goods, a place, an amount. */
  isLight(term: string): boolean;
  /** Whether a term is a word of the domain: a synonym group's or the vocabulary's. */
  isDomain(term: string): boolean;
  /** The term a known word searches as (a word of a synonym group or the light list), if any. */
  known(word: string): string | undefined;
  /** The known Latin words, folded like a question's words: what a typo may have meant. */
  readonly latinWords: readonly string[];
}

const RUN = /[\u3400-\u9fff\uf900-\ufaff]+|[a-z0-9]+(?:'[a-z]+)?/g;

let segmenter: Intl.Segmenter | undefined;

/** The segmenter's words; a 了 it glued on ("贵了", "烂了") is dropped. */
function segmentZh(text: string): string[] {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const out: string[] = [];
  for (const s of segmenter.segment(text)) {
    if (!s.isWordLike) continue;
    out.push(s.segment.length > 1 && s.segment.endsWith('了') ? s.segment.slice(0, -1) : s.segment);
  }
  return out;
}

/**
 * Build an analyzer over a lexicon.
 *
 * @example analyzer(lexicon).terms('怎么开抖音小店') // ['开', '抖音小店']
 */
export function analyzer(lexicon: LexiconData): Analyzer {
  const canonical = new Map<string, string>();
  /** English phrases of the synonym groups, as their stems joined by a space -> the head. */
  const phrases = new Map<string, string>();
  const norm = (w: string) => (CJK.test(w) ? w : stem(w.toLowerCase()));
  for (const group of lexicon.synonyms) {
    const head = norm(group[0] ?? '');
    for (const word of group) {
      // A phrase ("taobao village", "go bad") is met as a whole: "village" alone is a
      // place, not a Taobao Village.
      if (!CJK.test(word) && /\s/.test(word)) {
        const key = word
          .toLowerCase()
          .split(/\s+/)
          .map((w) => stem(splitClitic(w)))
          .join(' ');
        if (!phrases.has(key)) phrases.set(key, head);
      } else if (!canonical.has(norm(word))) canonical.set(norm(word), head);
    }
  }
  const longestPhrase = Math.max(0, ...[...phrases.keys()].map((k) => k.split(' ').length));
  const stop = new Set(lexicon.stopwords.map(norm));
  const light = new Set(
    (lexicon.light ?? [])
      .filter((w) => CJK.test(w) || !/\s/.test(w))
      .map(norm)
      .filter((w) => !canonical.has(w) && !stop.has(w)),
  );
  const latinWords = [...canonical.keys(), ...light].filter((w) => !CJK.test(w));
  // Light Chinese words are cut whole too: 山核桃 is one thing, not 山 + 核桃.
  const vocab = [
    ...new Set([...lexicon.vocabulary, ...light].filter((w) => CJK.test(w) && !/\s/.test(w))),
  ];
  const longest = Math.max(1, ...vocab.map((w) => w.length));
  const vocabSet = new Set(vocab);

  /** Cut a run of Chinese: vocabulary words first (longest match), the rest by the segmenter. */
  function cutZh(run: string): string[] {
    const out: string[] = [];
    let rest = '';
    for (let i = 0; i < run.length;) {
      let hit = '';
      for (let n = Math.min(longest, run.length - i); n >= 2; n -= 1) {
        const candidate = run.slice(i, i + n);
        if (vocabSet.has(candidate)) {
          hit = candidate;
          break;
        }
      }
      if (hit) {
        if (rest) out.push(...segmentZh(rest));
        rest = '';
        out.push(hit);
        i += hit.length;
      } else {
        rest += run[i];
        i += 1;
      }
    }
    if (rest) out.push(...segmentZh(rest));
    return joinPlaces(out);
  }

  const domain = new Set([...canonical.values(), ...vocab].filter((w) => !light.has(w)));

  return {
    latinWords,
    isDomain: (term) => domain.has(term),
    isLight: (term) =>
      light.has(term) || AMOUNT.test(term) || (PLACE.test(term) && !vocabSet.has(term)),
    known: (word) => canonical.get(word) ?? (light.has(word) ? word : undefined),
    terms(text) {
      const folded = text.normalize('NFKC').toLowerCase().replace(/[‘’]/g, "'");
      const words = (folded.match(RUN) ?? []).flatMap((run) =>
        CJK.test(run) ? cutZh(run) : [stem(splitClitic(run))],
      );
      const out: string[] = [];
      for (let i = 0; i < words.length; i += 1) {
        const word = words[i]!;
        let term = canonical.get(word) ?? word;
        for (let n = Math.min(longestPhrase, words.length - i); n >= 2; n -= 1) {
          const head = phrases.get(words.slice(i, i + n).join(' '));
          if (head === undefined) continue;
          term = head;
          i += n - 1;
          break;
        }
        if (!stop.has(term) && !stop.has(word)) out.push(term);
      }
      return out;
    },
  };
}
