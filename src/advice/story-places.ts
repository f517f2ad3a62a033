import type { StorytellingRules } from './rules-schema';
import { occurrences, type Clause } from './story-text';

/** The Chinese place names of the bundle, ready to look up. */
interface ChineseIndex {
  names: ReadonlySet<string>;
  longest: number;
}

const NONE: ChineseIndex = { names: new Set(), longest: 0 };
const zhCache = new WeakMap<object, ChineseIndex>();
const enCache = new WeakMap<object, ReadonlySet<string>>();

/** The names as a set, once per bundle, on the first text that needs them. */
function chineseIndex(rules: StorytellingRules): ChineseIndex {
  const data = rules.place_names;
  if (!data) return NONE;
  const hit = zhCache.get(data);
  if (hit) return hit;
  const names = data.zh.split(' ');
  let longest = 0;
  for (const name of names) if (name.length > longest) longest = name.length;
  const index = { names: new Set(names), longest };
  zhCache.set(data, index);
  return index;
}

/** The names spelled in pinyin, without the words the rules say are not places. */
function pinyinIndex(rules: StorytellingRules): ReadonlySet<string> {
  const data = rules.place_names;
  if (!data) return NONE.names;
  const hit = enCache.get(data);
  if (hit) return hit;
  const index = new Set(data.en.split(' '));
  for (const word of rules.places.en_not_places) index.delete(word);
  enCache.set(data, index);
  return index;
}

/** Chinese place names in a clause, with the index where each starts. */
function chinesePlaces(folded: string, rules: StorytellingRules): { term: string; at: number }[] {
  const found: { term: string; at: number }[] = [];
  if (!/\p{Script=Han}/u.test(folded)) return found;
  const index = chineseIndex(rules);
  for (let i = 0; i < folded.length; i++) {
    // The longest name starting here ("黔东南" before "黔东").
    for (let len = Math.min(index.longest, folded.length - i); len >= 2; len--) {
      const name = folded.slice(i, i + len);
      if (index.names.has(name)) {
        found.push({ term: name, at: i });
        i += len - 1;
        break;
      }
    }
  }
  return found;
}

/** Named villages, townships and counties: two Chinese characters and 村/乡/镇/县… */
function namedVillages(folded: string, rules: StorytellingRules): { term: string; at: number }[] {
  const { village_suffixes: suffixes, village_not_before: notBefore } = rules.places;
  const found: { term: string; at: number }[] = [];
  for (let i = 2; i < folded.length; i++) {
    if (!suffixes.includes(folded[i]!)) continue;
    const name = folded.slice(i - 2, i);
    if (!/^\p{Script=Han}{2}$/u.test(name) || [...name].some((c) => notBefore.includes(c)))
      continue;
    found.push({ term: folded.slice(i - 2, i + 1), at: i - 2 });
  }
  return found;
}

/**
 * English place names: a capitalised word whose letters (without ' and -) spell a
 * division in pinyin ("Danzhai", "Pu'er", "Lin'an"). Short ones count only after a place
 * word ("from Pu'er"), so "An" or "Xian" in a sentence are not taken for places.
 */
function englishPlaces(clause: Clause, rules: StorytellingRules): { term: string; at: number }[] {
  const found: { term: string; at: number }[] = [];
  const minLength = rules.places.en_min_length.value;
  for (const m of clause.cased.matchAll(/(?<![\p{L}'-])[A-Z][a-z]+(?:['-][a-z]+)*(?![\p{L}])/gu)) {
    const key = m[0].toLowerCase().replace(/['-]/g, '');
    if (!pinyinIndex(rules).has(key)) continue;
    const before = clause.folded.slice(0, m.index).trimEnd();
    const inContext = rules.places.en_context.some((word) => {
      const at = occurrences(before, word, true);
      return at.length > 0 && at[at.length - 1]! + word.length === before.length;
    });
    if (key.length >= minLength || inContext) found.push({ term: m[0], at: m.index });
  }
  return found;
}

/**
 * Every place named in a clause, in either language (or the one given), with where it
 * starts in the clause: division names from the bundle and named villages.
 *
 * @example placesIn({ folded: '浙江临安白牛村', cased: '浙江临安白牛村' }, rules, 'zh-CN')
 */
export function placesIn(
  clause: Clause,
  rules: StorytellingRules,
  locale: 'zh-CN' | 'en',
): { term: string; at: number }[] {
  return locale === 'en'
    ? englishPlaces(clause, rules)
    : [...chinesePlaces(clause.folded, rules), ...namedVillages(clause.folded, rules)];
}
