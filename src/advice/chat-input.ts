import type { Value } from '../core/conditions';
import type { Profile } from '../core/profile';
import { DIFFERENTIATORS } from './schemas';

/**
 * Chat answers → check inputs. The intake flows name their variables after the inputs;
 * these functions add what chat asks differently (0 for "I don't know", yes/no per
 * differentiator, lower/higher plus a percentage) and the seller's category.
 */

type Answers = Readonly<Record<string, Value>>;

const num = (answers: Answers, key: string): number | undefined => {
  const value = answers[key];
  return typeof value === 'number' ? value : undefined;
};
/** A positive number, or undefined for 0 ("I don't know" in the intake questions). */
const known = (answers: Answers, key: string): number | undefined => {
  const value = num(answers, key);
  return value !== undefined && value > 0 ? value : undefined;
};
const category = (profile: Readonly<Profile>) =>
  profile.category ? { category: profile.category } : {};

/** Village check input from the village flow's answers. */
export function villageInputFrom(answers: Answers, profile: Readonly<Profile>): unknown {
  const households = known(answers, 'households');
  const villages = num(answers, 'townVillages');
  const townSales = known(answers, 'townSalesRmb');
  const townShops = known(answers, 'townActiveShops');
  return {
    annualSalesRmb: num(answers, 'annualSalesRmb'),
    activeShops: num(answers, 'activeShops'),
    ...(households !== undefined ? { households } : {}),
    ...category(profile),
    ...(villages !== undefined
      ? {
          town: {
            taobaoVillages: villages,
            ...(townSales !== undefined && townShops !== undefined
              ? { annualSalesRmb: townSales, activeShops: townShops }
              : {}),
          },
        }
      : {}),
  };
}

/** Categories whose goods go by freight line, not as parcels: chat does not ask. */
const BULKY_CATEGORIES: ReadonlySet<string> = new Set(['furniture']);

/**
 * Logistics check input: the flow's variables carry the input names as they are. Bulky
 * comes from the answer when chat asked, else from the category (furniture is bulky).
 */
export function logisticsInputFrom(answers: Answers, profile: Readonly<Profile>): unknown {
  const keys = [
    'orderValueRmb',
    'shippingCostRmb',
    'perishable',
    'deliveryDays',
    'monthlyParcels',
    'damageRatePct',
    'returnRatePct',
    'expressPointKm',
  ];
  const bulky =
    typeof answers.bulky === 'boolean'
      ? answers.bulky
      : profile.category !== undefined && BULKY_CATEGORIES.has(profile.category);
  return {
    ...Object.fromEntries(keys.flatMap((k) => (k in answers ? [[k, answers[k]]] : []))),
    bulky,
  };
}

/** Niche check input: one yes/no per differentiator, and the price as lower/higher by %. */
export function nicheInputFrom(answers: Answers, profile: Readonly<Profile>): unknown {
  const gap = num(answers, 'priceGapPct') ?? 0;
  const position = answers.pricePosition;
  const price =
    position === 'lower' ? -gap : position === 'higher' ? gap : position === 'same' ? 0 : undefined;
  return {
    sameItemSellers: num(answers, 'sameItemSellers'),
    ...(known(answers, 'nationalListings') !== undefined
      ? { nationalListings: known(answers, 'nationalListings') }
      : {}),
    differentiators: DIFFERENTIATORS.filter((d) => answers[d] === true),
    ...(price !== undefined ? { priceVsMarketPct: price } : {}),
    ...category(profile),
  };
}

/**
 * Storytelling check input: the pasted text (its language is guessed by the patterns),
 * and the seller's province and category for the suggested lines.
 */
export function storytellingInputFrom(answers: Answers, profile: Readonly<Profile>): unknown {
  return {
    text: answers.text,
    ...(profile.province && profile.province !== 'other' ? { province: profile.province } : {}),
    ...category(profile),
  };
}
