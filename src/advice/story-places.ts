import type { StorytellingRules } from './rules-schema';
import { occurrences, type Clause } from './story-text';

/**
 * The Chinese place names of the bundle, ready to look up: the names, and for each first
 * character the lengths of the names that start with it, longest first (a story is read
 * one character at a time, and most characters start no name).
 */
interface ChineseIndex {
  names: ReadonlySet<string>;
  lengths: ReadonlyMap<number, readonly number[]>;
}

const NONE: ChineseIndex = { names: new Set(), lengths: new Map() };
const NO_PINYIN: ReadonlySet<string> = new Set();
const zhCache = new WeakMap<object, ChineseIndex>();
const enCache = new WeakMap<object, ReadonlySet<string>>();

/** The names as a set, once per bundle, on the first text that needs them. */
function chineseIndex(rules: StorytellingRules): ChineseIndex {
  const data = rules.place_names;
  if (!data) return NONE;
  const hit = zhCache.get(data);
  if (hit) return hit;
  const names = new Set(data.zh.split(' ').filter((name) => name.length >= 2));
  const lengths = new Map<number, number[]>();
  for (const name of names) {
    const list = lengths.get(name.charCodeAt(0)) ?? [];
    if (!list.includes(name.length)) list.push(name.length);
    lengths.set(name.charCodeAt(0), list);
  }
  for (const list of lengths.values()) list.sort((a, b) => b - a);
  const index = { names, lengths };
  zhCache.set(data, index);
  return index;
}

/** The names spelled in pinyin, without the words the rules say are not places. */
function pinyinIndex(rules: StorytellingRules): ReadonlySet<string> {
  const data = rules.place_names;
  if (!data) return NO_PINYIN;
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
    for (const len of index.lengths.get(folded.charCodeAt(i)) ?? []) {
      if (i + len > folded.length) continue;
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
