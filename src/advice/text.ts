import type { Locale } from '../core/message';
import type { Profile } from '../core/profile';
import type { ListItem } from '../core/steps/types';
import { resolveText, type Translate } from '../core/text';
import type { AdviceData, BenchmarkVillage, Fact, Rule } from './content-schema';
import { formatParams } from './format';

/** What turning check results into words needs: the language, texts, data and the person. */
export interface TextContext {
  locale: Locale;
  t: Translate;
  data: AdviceData;
  lists: Readonly<Record<string, readonly ListItem[]>>;
  profile: Readonly<Profile>;
}

/** Translate a key with numbers formatted for the language (amounts as money). */
export function say(ctx: TextContext, key: string, params: Record<string, unknown> = {}): string {
  return ctx.t(ctx.locale, key, formatParams(params, ctx.locale));
}

/** A fact with its source, in the person's language. */
export function factLine(ctx: TextContext, fact: Fact, key = 'checks.common.fact'): string {
  return say(ctx, key, { text: fact.text[ctx.locale], source: fact.source[ctx.locale] });
}

/**
 * What a threshold rests on, in words: "our rule of thumb", or the source that sets the
 * number. `rule` is a finding's `data.rule`, `check.threshold` (e.g.
 * `logistics.damage_rate_warn_pct`).
 */
export function ruleBasis(ctx: TextContext, rule: unknown): string {
  const [check, key] = typeof rule === 'string' ? rule.split('.') : [];
  const rules = ctx.data.rules as unknown as Record<string, Record<string, Rule> | undefined>;
  const source = check && key ? rules[check]?.[key]?.source : undefined;
  return source
    ? say(ctx, 'checks.common.rule_sourced', { source: source[ctx.locale] })
    : say(ctx, 'checks.common.rule_ours');
}

/**
 * A fact by id: `facts.yaml` ids, or criteria facts as `village.active_shop`.
 * Undefined when unknown (the content build refuses unknown ids in steps).
 */
export function findFact(data: AdviceData, id: string): Fact | undefined {
  const [section, key] = id.split('.');
  if (key === undefined) return data.facts[id];
  const group = (data.criteria as Record<string, unknown>)[section ?? ''];
  const item = (group as Record<string, unknown> | undefined)?.[key];
  return typeof item === 'object' && item !== null && 'text' in item ? (item as Fact) : undefined;
}

/** A benchmark village: where, what, and its facts with their sources. */
export function villageLine(ctx: TextContext, village: BenchmarkVillage): string {
  return say(ctx, 'checks.common.example', {
    name: village.name[ctx.locale],
    place: village.place[ctx.locale],
    product: village.product[ctx.locale],
    text: village.facts.map((f) => f.text[ctx.locale]).join(' '),
    source: village.facts
      .map((f) => f.source[ctx.locale])
      .join(say(ctx, 'checks.common.source_separator')),
  });
}

/** The label of a content list item (a province, a category) in the person's language. */
export function listLabel(
  ctx: TextContext,
  list: string,
  id: string | undefined,
): string | undefined {
  const item = ctx.lists[list]?.find((i) => i.id === id);
  return item ? resolveText(item.label, ctx.locale, ctx.t) : undefined;
}

const productKeys: Readonly<Record<string, true>> = {
  farm_produce: true,
  furniture: true,
  clothing: true,
  handicrafts: true,
  outdoor: true,
  small_goods: true,
  other: true,
};

/**
 * An example sentence for a missing story element, filled from the seller's province and
 * category (those the check was given, else the profile's), with neutral words when unknown.
 */
export function storyExample(
  ctx: TextContext,
  element: string,
  seller: { province?: unknown; category?: unknown } = {},
): string {
  const pick = (given: unknown, stored: string | undefined) =>
    typeof given === 'string' ? given : stored;
  const category = pick(seller.category, ctx.profile.category) ?? 'default';
  const province = pick(seller.province, ctx.profile.province);
  return say(ctx, `checks.examples.${element}`, {
    product: say(ctx, `checks.products.${category in productKeys ? category : 'default'}`),
    place:
      (province !== 'other' && listLabel(ctx, 'provinces', province)) ||
      say(ctx, 'checks.products.place'),
  });
}
