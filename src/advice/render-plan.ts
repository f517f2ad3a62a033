import type { Outbound } from '../core/message';
import { fitsCategory } from './benchmarks';
import type { PlanStep } from './plan-schema';
import type { NextStep } from './plan';
import { stepParams } from './render';
import { factLine, findFact, listLabel, say, villageLine, type TextContext } from './text';

/** The title of a plan step in the person's language. */
export function stepTitle(ctx: TextContext, step: PlanStep): string {
  return say(ctx, `checks.steps.${step.id}.title`, stepParams(ctx, step));
}

/**
 * One plan step as a reply: where it stands in the plan, what to do, why and how, the
 * facts and benchmark villages behind it (with sources) and its lesson when one exists.
 */
export function renderPlanStep(ctx: TextContext, next: NextStep): Outbound {
  const { step } = next;
  const params = stepParams(ctx, step);
  const entry = ctx.data.rules.steps[step.id];
  const tags = [
    say(ctx, `plan.severity.${step.severity}`),
    ...(step.quickWin ? [say(ctx, 'plan.quick_win')] : []),
  ].join(' · ');
  const facts = (entry?.facts ?? []).flatMap((id) => {
    const fact = findFact(ctx.data, id);
    return fact ? [factLine(ctx, fact, 'checks.common.good_to_know')] : [];
  });
  // Only villages of the seller's own category: an outdoor-gear village is no example for tea.
  const examples = (entry?.examples ?? []).flatMap((id) => {
    const village = ctx.data.villages.find((v) => v.id === id);
    return village && fitsCategory(village, ctx.profile.category)
      ? [villageLine(ctx, village)]
      : [];
  });
  const lesson = step.lesson ?? entry?.lesson;
  const lines = [
    say(ctx, 'plan.header', {
      position: next.position,
      total: next.total,
      done: next.done,
      tags,
    }),
    `**${stepTitle(ctx, step)}**`,
    say(ctx, 'plan.why', { text: say(ctx, `checks.steps.${step.id}.why`, params) }),
    say(ctx, 'plan.how', { text: say(ctx, `checks.steps.${step.id}.how`, params) }),
    ...facts,
    ...examples,
    // The lesson's title from the catalogue (content list `lessons`), else its id.
    ...(lesson
      ? [say(ctx, 'plan.lesson', { lesson: listLabel(ctx, 'lessons', lesson) ?? lesson })]
      : []),
  ];
  return { text: lines.join('\n') };
}
