import { normalizeInput } from '../core/parse';

/**
 * Reading a listing the way the storytelling check needs it: clauses, where a pattern
 * occurs in one, and whether a negation in front of it cancels it. Pure string work.
 */

/** A piece of text between clause breaks: lower-cased for matching, and as written. */
export interface Clause {
  folded: string;
  cased: string;
}

/** Patterns and their negations, per language, as the check applies them. */
export interface Negation {
  words: readonly string[];
  notNegation: readonly string[];
  contrast: readonly string[];
}

// ，！？； arrive as ASCII (normalizeInput folds full-width forms); a full stop or comma
// followed by a space ends a clause, one inside "2.5" or "No. 1" does not.
const CLAUSE_BREAK = /[。！？；!?;…\n]+|,|(?<!\bno)\.(?=\s|$)/i;

/**
 * Split a text into clauses, keeping each clause's case (English place names need it).
 *
 * @example clausesOf('非手工制作，没有认证。').map((c) => c.folded) // ['非手工制作', '没有认证']
 */
export function clausesOf(text: string): Clause[] {
  const cased = normalizeInput(text)
    .replace(/[ \t\r\f\v]+/g, ' ')
    .replace(/[‘’]/g, "'");
  return cased
    .split(new RegExp(CLAUSE_BREAK.source, 'gi'))
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const folded = part.toLowerCase();
      // toLowerCase keeps the length of everything but a few letters (İ); then drop the case.
      return { folded, cased: folded.length === part.length ? part : folded };
    });
}

const isLatin = (word: string) => /^[a-z0-9#]/.test(word);
const wordChar = /[a-z0-9]/;

// Patterns come from the rules, a few hundred strings: each is lower-cased once per isolate
// (V8 copies a Chinese string to lower-case it, every time).
const lowered = new Map<string, string>();

function lowerCase(pattern: string): string {
  let word = lowered.get(pattern);
  if (word === undefined) {
    if (lowered.size >= 10_000) lowered.clear(); // only a caller passing user text would
    lowered.set(pattern, (word = pattern.toLowerCase()));
  }
  return word;
}

/**
 * The patterns that could occur in some clause of a text: those found anywhere in it (folded
 * the same way), and those with a space, which blanking a word could bring together. A
 * check asks a clause only about these: most patterns occur nowhere in a listing.
 *
 * @example mentioned('手工炒制\n没有香精', ['手工', '有机']) // ['手工']
 */
export function mentioned(folded: string, patterns: readonly string[]): readonly string[] {
  let lower = loweredLists.get(patterns);
  if (!lower) loweredLists.set(patterns, (lower = patterns.map(lowerCase)));
  const found: string[] = [];
  for (let i = 0; i < patterns.length; i++)
    if (lower[i]!.includes(' ') || folded.includes(lower[i]!)) found.push(patterns[i]!);
  return found.length === patterns.length ? patterns : found;
}

// The rules' pattern lists, each lower-cased once per isolate.
const loweredLists = new WeakMap<readonly string[], readonly string[]>();

/** What {@link occurrences} returns for a pattern that is not there (most of them). */
const NOWHERE: readonly number[] = Object.freeze([]);

/**
 * Where a pattern occurs in folded text: every index. A Latin pattern must start a word
 * ("certif" finds "certified"); with `whole`, it must also end one ("no" is not "north").
 * A Latin pattern ending in "-" is a prefix ("non-" finds "non-organic").
 * A check asks this of every pattern in every clause, and most are absent: that answer
 * allocates nothing.
 */
export function occurrences(folded: string, pattern: string, whole = false): readonly number[] {
  const word = lowerCase(pattern);
  let i = folded.indexOf(word);
  if (i === -1) return NOWHERE;
  const latin = isLatin(word);
  const found: number[] = [];
  for (; i !== -1; i = folded.indexOf(word, i + 1)) {
    if (latin) {
      if (i > 0 && wordChar.test(folded[i - 1]!)) continue;
      const after = folded[i + word.length];
      if (whole && !word.endsWith('-') && after !== undefined && wordChar.test(after)) continue;
    }
    found.push(i);
  }
  return found;
}

/** Replace each occurrence of these words with spaces of the same length. */
export function blank(folded: string, words: readonly string[]): string {
  let out = folded;
  for (const word of words)
    for (const i of occurrences(out, word))
      out = out.slice(0, i) + ' '.repeat(word.length) + out.slice(i + word.length);
  return out;
}

// The last clause blanked of its non-negations: a clause is asked about many patterns.
let last: { folded: string; negation: Negation; skip: string } | undefined;

function withoutNonNegations(folded: string, negation: Negation): string {
  if (last?.folded !== folded || last.negation !== negation)
    last = { folded, negation, skip: blank(folded, negation.notNegation) };
  return last.skip;
}

/**
 * Whether the pattern at `index` is negated: a negation word before it in the clause (not
 * one inside a word like 非常 or "not only"), within `maxGap` characters (Chinese) or
 * words (English), with no contrast word ("而是", "but") between them.
 */
export function isNegated(
  folded: string,
  index: number,
  negation: Negation,
  maxGap: { chars: number; words: number },
): boolean {
  const skip = withoutNonNegations(folded, negation);
  for (const word of negation.words) {
    for (const at of occurrences(skip, word, true)) {
      const end = at + word.length;
      if (end > index) continue;
      const between = folded.slice(end, index);
      if (negation.contrast.some((c) => occurrences(between, c, true).length > 0)) continue;
      const gap = isLatin(word)
        ? between.split(/[^a-z0-9']+/).filter(Boolean).length <= maxGap.words
        : between.replace(/\s/g, '').length <= maxGap.chars;
      if (gap) return true;
    }
  }
  return false;
}

/**
 * The patterns found in a clause, each with whether every occurrence of it is negated.
 *
 * @example findIn('not organic', ['organic'], neg, gap) // [{ term: 'organic', negated: true }]
 */
export function findIn(
  folded: string,
  patterns: readonly string[],
  negation: Negation,
  maxGap: { chars: number; words: number },
): { term: string; negated: boolean }[] {
  const hits: { term: string; negated: boolean }[] = [];
  for (const term of patterns) {
    const at = occurrences(folded, term);
    if (at.length > 0)
      hits.push({ term, negated: at.every((i) => isNegated(folded, i, negation, maxGap)) });
  }
  return hits;
}
