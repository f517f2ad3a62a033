import type { AdviceData, BenchmarkVillage } from './content-schema';

/** What a seller can copy to stand out instead of undercutting: the preferred examples. */
const DIFFERENTIATING = [
  'flagship_products',
  'shared_logistics',
  'curb_undercutting',
  'own_brand',
  'heritage_craft',
] as const;

/** Benchmark villages that sell a category; none when the category is unknown. */
function sameCategory(data: AdviceData, category: string | undefined): BenchmarkVillage[] {
  if (category === undefined) return [];
  return data.villages.filter((v) => v.categories.includes(category));
}

/**
 * The benchmark villages that sell the seller's product category (content order), at most
 * `limit`. Never a village of another category: none when nothing matches.
 *
 * @example closestVillages(data, 'furniture').map((v) => v.id) // ['dongfeng']
 */
export function closestVillages(
  data: AdviceData,
  category: string | undefined,
  limit = 2,
): BenchmarkVillage[] {
  return sameCategory(data, category).slice(0, limit);
}

/**
 * One village of the same category to learn from for differentiation: one with a
 * differentiating move (brand, flagship products, shared logistics, heritage craft) if
 * there is one, else any of that category; undefined when none sells it.
 */
export function differentiationExample(
  data: AdviceData,
  category: string | undefined,
): BenchmarkVillage | undefined {
  const same = sameCategory(data, category);
  const moves = new Set<string>(DIFFERENTIATING);
  return same.find((v) => v.moves.some((m) => moves.has(m))) ?? same[0];
}

/** Whether a benchmark village may be shown to a seller of `category`. */
export function fitsCategory(village: BenchmarkVillage, category: string | undefined): boolean {
  return category !== undefined && village.categories.includes(category);
}

/** The most recent yearly count (the bot says "latest figures we have"). */
export function latestCount(data: AdviceData): AdviceData['counts'][number] | undefined {
  return [...data.counts].sort((a, b) => b.year - a.year)[0];
}
