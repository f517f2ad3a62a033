import { foldText, mentions } from '../core/keywords';
import type { CheckId, RouteRule } from './schema';

/**
 * Clauses: a negation or a topic in one clause says nothing about the next. A space is no
 * clause break, even in Chinese: sellers type "运费 太贵" for one thought.
 */
function clauses(text: string): string[] {
  return foldText(text)
    .split(/[,.;!?，。；！？、\n]|\bbut\b|但是|不过|可是/)
    .map((c) => c.trim())
    .filter(Boolean);
}

/** Where a word first appears in a folded clause (-1: absent); Latin words at a word start. */
function position(clause: string, word: string): number {
  const w = foldText(word);
  if (!/^[a-z0-9]/.test(w)) return clause.indexOf(w);
  if (!mentions(clause, w)) return -1;
  const at = clause.search(new RegExp(`(^|[^a-z0-9])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  return at === 0 && clause.startsWith(w) ? 0 : at + 1;
}

/** A number in a phrase's `#`: digits, Chinese numerals, or a few English words. */
const NUMBER = String.raw`(?:\d+|[一二两三四五六七八九十几半]+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|few|a few|several|many)`;

const phraseCache = new Map<string, RegExp>();

/** Where a phrase with `#` for a number first appears in a folded clause (-1: absent). */
function phrasePosition(clause: string, phrase: string): number {
  let re = phraseCache.get(phrase);
  if (!re) {
    const parts = foldText(phrase)
      .split('#')
      .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    const body = parts.join(NUMBER);
    re = new RegExp(/^[a-z0-9#]/.test(phrase) ? `(?<![a-z0-9])${body}` : body);
    phraseCache.set(phrase, re);
  }
  return clause.search(re);
}

function first(clause: string, words: readonly string[]): number {
  const found = words.map((w) => position(clause, w)).filter((at) => at >= 0);
  return found.length ? Math.min(...found) : -1;
}

/**
 * The check a sentence asks for, if any: one clause names a check's topic ("运费",
 * "ship") and asks something of it ("太贵", "cheaply", "帮我看看"), and no negation of the
 * request comes before them in that clause ("不用", "not asking about"). Plain "not" is no
 * negation of the request ("shipping is not cheap" still asks), nor is a place name a topic
 * (topics are words like 淘宝村 and "Taobao village", not "village"). A rule's `phrases`
 * name the topic and the ask at once ("takes 6 days", "几天才到"); its `except` words hold a
 * topic but are something else (运费险 is no question about 运费).
 *
 * @example routeQuestion(rules, negations, '我的运费太贵了怎么办') // 'logistics'
 */
export function routeQuestion(
  rules: readonly RouteRule[],
  negations: readonly string[],
  text: string,
): CheckId | undefined {
  for (const whole of clauses(text)) {
    for (const rule of rules) {
      // Blank out what only holds a topic (运费险), keeping every other word where it was.
      const clause = (rule.except ?? []).reduce(
        (c, word) => c.split(foldText(word)).join(' '.repeat(foldText(word).length)),
        whole,
      );
      let topic = first(clause, rule.topics);
      if (topic < 0 || first(clause, rule.asks) < 0) {
        const found = (rule.phrases ?? [])
          .map((p) => phrasePosition(clause, p))
          .filter((at) => at >= 0);
        if (found.length === 0) continue;
        topic = Math.min(...found);
      }
      const negated = first(clause, negations);
      if (negated >= 0 && negated < topic) continue;
      return rule.check;
    }
  }
  return undefined;
}
