import { describe, expect, it } from 'vitest';
import { content } from '../content';
import type { Profile } from '../core/profile';
import { translate } from '../i18n';
import { mergePlan, nextStep } from './plan';
import { renderPlanStep } from './render-plan';
import { storytellingCheck } from './storytelling';
import { logisticsCheck } from './logistics';
import type { AdviceData } from './content-schema';

function show(
  data: AdviceData,
  steps: ReturnType<typeof logisticsCheck>['steps'],
  profile: Profile = {},
) {
  const plan = mergePlan(undefined, 'logistics', steps, 0);
  const ctx = { locale: 'en' as const, t: translate, data, lists: content.lists, profile };
  return renderPlanStep(ctx, nextStep(plan)!).text;
}

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

  it('says what, why and how, with the benchmark village of the same category and its source', () => {
    expect(show(content.advice, small.steps, { category: 'farm_produce' })).toBe(
      [
        'Step 1 of 1 · 0 done · good to do',
        '**Ship together with your neighbours**',
        'Why: Together, small senders reach a volume couriers give better rates for.',
        'How: Find sellers nearby who ship similar parcels, add up your monthly volume, bargain with couriers as one group and agree who takes the parcels to the drop-off point.',
        "Bainiu Village (Lin'an, Hangzhou, Zhejiang), hickory nuts and roasted nuts: In 2013 it was the only Taobao Village selling its own local farm produce; the village association cut express fees by RMB 1 a parcel and curbed undercutting. (Source: Zhejiang Daily (浙江日报) 2013, reposted by AliResearch; Zhejiang Daily 2014-12-19)",
        'Lesson: Ship together with your neighbours',
      ].join('\n'),
    );
  });

  it('shows no benchmark village of another category, nor any when the category is unknown', () => {
    for (const profile of [{ category: 'handicrafts' }, {}])
      expect(show(content.advice, small.steps, profile)).not.toMatch(/Bainiu/);
  });

  it('names the source in Chinese in the Chinese text', () => {
    const plan = mergePlan(undefined, 'logistics', small.steps, 0);
    const profile = { category: 'farm_produce' };
    const ctx = {
      locale: 'zh-CN' as const,
      t: translate,
      data: content.advice,
      lists: content.lists,
      profile,
    };
    expect(renderPlanStep(ctx, nextStep(plan)!).text).toMatch(
      /来源：浙江日报 2013年（阿里研究院转载）；浙江日报 2014-12-19/,
    );
  });

  it('links the lesson the step catalogue names, by its title (an unknown one by its id)', () => {
    const withLesson = structuredClone(content.advice);
    withLesson.rules.steps.pool_parcels_with_neighbours!.lesson = 'shipping_together';
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
    expect(show(withLesson, steps)).toMatch(/\nLesson: shipping_together$/);
    expect(show(content.advice, small.steps)).toMatch(
      /\nLesson: Ship together with your neighbours$/,
    );
    const without = structuredClone(content.advice);
    delete without.rules.steps.pool_parcels_with_neighbours!.lesson;
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
    expect(show(without, plain)).not.toMatch(/Lesson:/);
  });

  it('fills story examples from the profile, with neutral words when it is unknown', () => {
    const story = storytellingCheck({ text: 'x' }, content.advice);
    const plan = mergePlan(undefined, 'storytelling', story.steps, 0);
    const render = (profile: Profile) =>
      renderPlanStep(
        { locale: 'zh-CN', t: translate, data: content.advice, lists: content.lists, profile },
        nextStep(plan)!,
      ).text;
    expect(render({ category: 'farm_produce', province: 'zhejiang' })).toContain(
      '“我们的农产品来自浙江的一个小村子，那里……”',
    );
    expect(render({})).toContain('“我们的产品来自家乡的一个小村子，那里……”');
  });
});
