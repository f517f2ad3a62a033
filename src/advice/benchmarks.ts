import type { AdviceData, BenchmarkVillage } from './content-schema';

/** Villages that show sellers coordinating instead of undercutting: the default examples. */
const COORDINATING = ['flagship_products', 'shared_logistics', 'curb_undercutting'] as const;

/**
 * The benchmark villages closest to a product category (content order), at most `limit`;
 * when none sells that category, the villages that coordinated their sellers.
 *
 * @example closestVillages(data, 'furniture').map((v) => v.id) // ['dongfeng']
 */
export function closestVillages(
  data: AdviceData,
  category: string | undefined,
  limit = 2,
): BenchmarkVillage[] {
  const same = data.villages.filter(
    (v) => category !== undefined && v.categories.includes(category),
  );
  const picked = same.length > 0 ? same : data.villages.filter((v) => coordinates(v));
  return picked.slice(0, limit);
}

function coordinates(village: BenchmarkVillage): boolean {
  return village.moves.some((m) => (COORDINATING as readonly string[]).includes(m));
}

/**
 * One village to learn from for differentiation: same category and a coordinating or
 * branding move if there is one, else any coordinating village.
 */
export function differentiationExample(
  data: AdviceData,
  category: string | undefined,
): BenchmarkVillage | undefined {
  const moves = new Set<string>([...COORDINATING, 'own_brand']);
  const fits = (v: BenchmarkVillage) => v.moves.some((m) => moves.has(m));
  return (
    data.villages.find(
      (v) => category !== undefined && v.categories.includes(category) && fits(v),
    ) ?? data.villages.find(fits)
  );
}

/** The most recent yearly count (the bot says "latest figures we have"). */
export function latestCount(data: AdviceData): AdviceData['counts'][number] | undefined {
  return [...data.counts].sort((a, b) => b.year - a.year)[0];
}
