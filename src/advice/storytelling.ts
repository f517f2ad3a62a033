import { LOCALES, type Locale } from '../core/message';
import { STORY_ELEMENTS, type AdviceData, type StoryElement } from './content-schema';
import { finding, stepFor, tidy, verdictOf } from './result';
import type { StorytellingRules } from './rules-schema';
import type { Finding, Step, StorytellingInput, StorytellingResult } from './schemas';
import { customerQuotes, foldWhole, inSpan, type Span } from './story-quotes';
import { placesIn } from './story-places';
import {
  blank,
  clausesOf,
  findIn,
  isNegated,
  mentioned,
  occurrences,
  type Clause,
  type Negation,
} from './story-text';

/** What reading the clauses found: elements present, elements only denied, compliance terms. */
interface Reading {
  found: Set<StoryElement>;
  denied: Set<StoryElement>;
  claims: Set<string>;
  incentives: Set<string>;
  proofOfClaim: boolean;
}

/**
 * The storytelling check, read like an editor: which of the seven story elements a listing
 * has (origin, maker, process, heritage, proof, customer voice, call to action), clause by
 * clause, where a negation cancels what follows it ("非手工制作", "not organic"); place names
 * from the national division list count as origin. Then compliance: absolute terms
 * (Advertising Law art. 9), rewards for reviews, and organic/GI/certified claims named
 * without proof. Pure: patterns and place names come from `data`.
 *
 * @example storytellingCheck({ text: '我们村的山核桃，爷爷传下来的手艺。' }, data).present // ['origin', 'maker', 'heritage']
 */
export function storytellingCheck(input: StorytellingInput, data: AdviceData): StorytellingResult {
  const rules = data.rules.storytelling;
  const locales = input.locale ? [input.locale] : LOCALES;
  const clauses = clausesOf(input.text);
  const quotes = customerQuotes(input.text, rules, locales);
  const reading = readClauses(clauses, rules, locales);
  if (quotes.spans.length > 0) reading.found.add('customer_voice');

  const present = STORY_ELEMENTS.filter((element) => reading.found.has(element));
  const missing = STORY_ELEMENTS.filter((element) => !reading.found.has(element));
  const denied = missing.filter((element) => reading.denied.has(element));
  const score = present.length;

  const severity =
    score >= rules.good_score.value ? 'info' : score <= rules.weak_score.value ? 'serious' : 'warn';
  const findings: Finding[] = [
    finding('story_score', severity, {
      score,
      max: STORY_ELEMENTS.length,
      goodScore: rules.good_score.value,
      present,
      missing,
      denied,
    }),
  ];
  const steps: Step[] = [];
  const profile = {
    ...(input.province ? { province: input.province } : {}),
    ...(input.category ? { category: input.category } : {}),
  };
  for (const element of missing) {
    const isDenied = denied.includes(element);
    const f = finding(`missing_${element}`, 'info', { element, ...(isDenied ? { denied } : {}) });
    findings.push(f);
    if (isDenied && rules.no_step_when_denied.includes(element)) continue;
    steps.push(stepFor(data, f, `add_${element}`, { element, ...profile }));
  }

  const compliance = complianceFindings(input.text, quotes.spans, reading, rules, locales);
  for (const [f, step] of compliance) {
    findings.push(f);
    steps.push(stepFor(data, f, step, {}));
  }
  return tidy({ verdict: verdictOf(findings), score, present, missing, findings, steps });
}

const negations = new WeakMap<object, Partial<Record<Locale, Negation>>>();

/** The negation words of a language (the same object for every clause, once per bundle). */
function negationOf(rules: StorytellingRules, locale: Locale): Negation {
  const n = rules.negation;
  const byLocale = negations.get(n) ?? {};
  negations.set(n, byLocale);
  return (byLocale[locale] ??= {
    words: n[locale],
    notNegation: n.not_negation[locale],
    contrast: n.contrast[locale],
  });
}

function gapOf(rules: StorytellingRules) {
  return { chars: rules.negation.max_gap_chars.value, words: rules.negation.max_gap_words.value };
}

/** Elements, claims and review rewards, clause by clause, with negations applied. */
function readClauses(
  clauses: readonly Clause[],
  rules: StorytellingRules,
  locales: readonly Locale[],
): Reading {
  const reading: Reading = {
    found: new Set(),
    denied: new Set(),
    claims: new Set(),
    incentives: new Set(),
    proofOfClaim: false,
  };
  const gap = gapOf(rules);
  const note = (element: StoryElement, negated: boolean) =>
    (negated ? reading.denied : reading.found).add(element);
  // Each clause is asked only about the patterns the whole text mentions (most are absent).
  const whole = clauses.map((c) => c.folded).join('\n');
  const asked = new Map<readonly string[], readonly string[]>();
  const inText = (patterns: readonly string[]) => {
    let live = asked.get(patterns);
    if (!live) asked.set(patterns, (live = mentioned(whole, patterns)));
    return live;
  };
  for (const clause of clauses) {
    for (const locale of locales) {
      const negation = negationOf(rules, locale);
      const text = blank(clause.folded, inText(rules.false_friends[locale]));
      for (const element of STORY_ELEMENTS)
        for (const hit of findIn(text, inText(rules.elements[element][locale]), negation, gap))
          note(element, hit.negated);
      for (const place of placesIn({ folded: text, cased: clause.cased }, rules, locale))
        note('origin', isNegated(text, place.at, negation, gap));

      for (const hit of findIn(text, inText(rules.unverified_claim[locale]), negation, gap))
        if (!hit.negated) reading.claims.add(hit.term);
      const proof = inText(rules.unverified_claim.proof[locale]);
      if (findIn(text, proof, negation, gap).some((h) => !h.negated)) reading.proofOfClaim = true;
      for (const term of incentivesIn(clause, rules, locale, negation))
        reading.incentives.add(term);
    }
  }
  return reading;
}

/**
 * Rewards for reviews in a clause: a listed phrase ("好评返现"), or a review word and a
 * reward word together ("leave a 5-star review and get a refund"), unless negated.
 */
function incentivesIn(
  clause: Clause,
  rules: StorytellingRules,
  locale: Locale,
  negation: Negation,
): string[] {
  const { phrases, review_words: reviews, reward_words: rewards } = rules.review_incentive;
  const text = clause.folded;
  const gap = gapOf(rules);
  const hits = findIn(text, phrases[locale], negation, gap).filter((h) => !h.negated);
  if (hits.length > 0) return hits.map((h) => h.term);
  const first = (words: readonly string[]) =>
    words
      .flatMap((w) => occurrences(text, w).map((at) => ({ at, end: at + w.length })))
      .sort((a, b) => a.at - b.at)[0];
  const review = first(reviews[locale]);
  const reward = first(rewards[locale]);
  if (!review || !reward) return [];
  const start = Math.min(review.at, reward.at);
  if (isNegated(text, start, negation, gap)) return [];
  return [clause.cased.slice(start, Math.max(review.end, reward.end)).trim()];
}

/** Terms without those inside a longer one found too ("好评返" inside "好评返现"). */
function longest(terms: Iterable<string>): string[] {
  const list = [...new Set(terms)];
  return list.filter((t) => !list.some((other) => other !== t && other.includes(t)));
}

/** Compliance findings with the step that answers each. */
function complianceFindings(
  text: string,
  quoted: readonly Span[],
  reading: Reading,
  rules: StorytellingRules,
  locales: readonly Locale[],
): [Finding, string][] {
  const out: [Finding, string][] = [];
  const { own, inQuotes } = absoluteTerms(text, quoted, rules, locales);
  if (own.length > 0)
    out.push([
      finding('advertising_absolute_terms', 'serious', { terms: longest(own) }),
      'remove_absolute_terms',
    ]);
  if (inQuotes.length > 0)
    out.push([
      finding('quoted_absolute_terms', 'warn', { terms: longest(inQuotes) }),
      'remove_absolute_terms',
    ]);
  if (reading.incentives.size > 0)
    out.push([
      finding('review_incentive', 'serious', { terms: longest(reading.incentives) }),
      'stop_review_incentive',
    ]);
  if (reading.claims.size > 0 && !reading.proofOfClaim)
    out.push([
      finding('unverified_claim', 'warn', { terms: longest(reading.claims) }),
      'back_up_claims',
    ]);
  return out;
}

/**
 * Absolute terms in the whole text (they are claims wherever they stand), split into the
 * seller's own words and words inside a quoted buyer's review.
 */
function absoluteTerms(
  text: string,
  quoted: readonly Span[],
  rules: StorytellingRules,
  locales: readonly Locale[],
): { own: string[]; inQuotes: string[] } {
  const terms = rules.advertising_absolute_terms;
  const own = new Set<string>();
  const inQuotes = new Set<string>();
  const folded = foldWhole(text);
  for (const locale of locales) {
    const allowed = blank(folded, terms.allowed[locale]);
    for (const term of terms[locale])
      for (const at of occurrences(allowed, term, true))
        (inSpan(quoted, at) ? inQuotes : own).add(term);
  }
  return { own: [...own], inQuotes: [...inQuotes].filter((t) => !own.has(t)) };
}
