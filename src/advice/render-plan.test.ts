import { describe, expect, it } from 'vitest';
import { content } from '../content';
import type { Locale } from '../core/message';
import type { Profile } from '../core/profile';
import { resolveText } from '../core/text';
import { keysOnly, re } from '../../test/support/copy';
import { mergePlan, nextStep } from './plan';
import { renderPlanStep } from './render-plan';
import { storytellingCheck } from './storytelling';
import { logisticsCheck } from './logistics';
import type { AdviceData } from './content-schema';

// Rendered with `keysOnly`: the assertions name the messages and what goes into them, so a
// wording edit in locales/ does not break them. Benchmark villages and list labels are data.

function show(
  data: AdviceData,
  steps: ReturnType<typeof logisticsCheck>['steps'],
  profile: Profile = {},
  locale: Locale = 'en',
) {
  const plan = mergePlan(undefined, 'logistics', steps, 0);
  const ctx = { locale, t: keysOnly, data, lists: content.lists, profile };
  return renderPlanStep(ctx, nextStep(plan)!).text;
}

/** A content list item's label in a language. */
function label(list: string, id: string, locale: Locale = 'en'): string {
  const item = content.lists[list]?.find((i) => i.id === id);
  if (!item) throw new Error(`no ${id} in list ${list}`);
  return resolveText(item.label, locale, keysOnly);
}

const bainiu = content.advice.villages.find((v) => v.id === 'bainiu')!;
const sources = (locale: Locale) =>
  bainiu.facts.map((f) => f.source[locale]).join('{checks.common.source_separator}');

describe('a plan step as shown in chat', () => {
  const small = logisticsCheck(
    {
      orderValueRmb: 100,
      shippingCostRmb: 5,
      perishable: false,
      deliveryDays: 2,
      monthlyParcels: 40,
    },
    content.advice,
  );
  const POOL = 'pool_parcels_with_neighbours';
  const lesson = content.advice.rules.steps[POOL]!.lesson!;

  it('says what, why and how, with the benchmark village of the same category and its source', () => {
    const said = (part: string) =>
      keysOnly('en', `checks.steps.${POOL}.${part}`, small.steps[0]!.params);
    expect(show(content.advice, small.steps, { category: 'farm_produce' })).toBe(
      [
        '{plan.header position=1 total=1 done=0 tags={plan.severity.info}}',
        `**${said('title')}**`,
        `{plan.why text=${said('why')}}`,
        `{plan.how text=${said('how')}}`,
        `{checks.common.example name=${bainiu.name.en} place=${bainiu.place.en} ` +
          `product=${bainiu.product.en} text=${bainiu.facts.map((f) => f.text.en).join(' ')} ` +
          `source=${sources('en')}}`,
        `{plan.lesson lesson=${label('lessons', lesson)}}`,
      ].join('\n'),
    );
  });

  it('shows no benchmark village of another category, nor any when the category is unknown', () => {
    for (const profile of [{ category: 'handicrafts' }, {}])
      expect(show(content.advice, small.steps, profile)).not.toContain(bainiu.name.en);
  });

  it('names the source in Chinese in the Chinese text', () => {
    expect(show(content.advice, small.steps, { category: 'farm_produce' }, 'zh-CN')).toContain(
      ` source=${sources('zh-CN')}}`,
    );
  });

  it('links the lesson the step catalogue names, by its title (an unknown one by its id)', () => {
    const withLesson = structuredClone(content.advice);
    withLesson.rules.steps[POOL]!.lesson = 'shipping_together';
    const steps = logisticsCheck(
      {
        orderValueRmb: 100,
        shippingCostRmb: 5,
        perishable: false,
        deliveryDays: 2,
        monthlyParcels: 40,
      },
      withLesson,
    ).steps;
    expect(steps[0]?.lesson).toBe('shipping_together');
    expect(show(withLesson, steps)).toMatch(re`\n${'{plan.lesson lesson=shipping_together}'}$`);
    expect(show(content.advice, small.steps)).toMatch(
      re`\n${`{plan.lesson lesson=${label('lessons', lesson)}}`}$`,
    );
    const without = structuredClone(content.advice);
    delete without.rules.steps[POOL]!.lesson;
    const plain = logisticsCheck(
      {
        orderValueRmb: 100,
        shippingCostRmb: 5,
        perishable: false,
        deliveryDays: 2,
        monthlyParcels: 40,
      },
      without,
    ).steps;
    expect(show(without, plain)).not.toContain('{plan.lesson');
  });

  it('fills story examples from the profile, with neutral words when it is unknown', () => {
    const story = storytellingCheck({ text: 'x' }, content.advice);
    const plan = mergePlan(undefined, 'storytelling', story.steps, 0);
    const render = (profile: Profile) =>
      renderPlanStep(
        { locale: 'zh-CN', t: keysOnly, data: content.advice, lists: content.lists, profile },
        nextStep(plan)!,
      ).text;
    expect(render({ category: 'farm_produce', province: 'zhejiang' })).toContain(
      `{checks.examples.origin product={checks.products.farm_produce} place=${label('provinces', 'zhejiang', 'zh-CN')}}`,
    );
    expect(render({})).toContain(
      '{checks.examples.origin product={checks.products.default} place={checks.products.place}}',
    );
  });
});
