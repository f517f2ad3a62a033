import type { ContentActionFactory as ActionFactory } from '../content/schema';
import type { ActionContext, ActionResult } from '../core/action';
import type { CheckName, Plan } from './plan-schema';
import type { ContentBundle } from '../content/schema';
import {
  logisticsInputFrom,
  nicheInputFrom,
  storytellingInputFrom,
  villageInputFrom,
} from './chat-input';
import { runCheck } from './checks';
import { markDone, mergePlan, nextStep, putOff } from './plan';
import { renderResult } from './render';
import { renderPlanStep, stepTitle } from './render-plan';
import { fitPlan, fitSteps } from './stage-plan';
import { say, type TextContext } from './text';

function textContext(content: ContentBundle, ctx: ActionContext): TextContext {
  return {
    locale: ctx.locale,
    t: ctx.t,
    data: content.advice,
    lists: content.lists,
    profile: ctx.profile,
  };
}

/** Run a check on a flow's answers, show the result and merge its steps into the plan. */
function checkAction(name: CheckName, inputFrom: (ctx: ActionContext) => unknown): ActionFactory {
  return (content) => (ctx) => {
    const text = textContext(content, ctx);
    const outcome = runCheck(name, inputFrom(ctx), content.advice);
    // The intake flows bound every answer, so this is a content mistake, not the person's.
    if (!outcome.ok)
      return { replies: [{ text: say(text, 'checks.common.failed') }], value: 'invalid' };
    // The steps fitted to where the seller stands (village-level steps for organisers only).
    const stage = ctx.profile.stage;
    const result = {
      ...outcome.result,
      steps: fitSteps(outcome.result.steps, stage, content.advice),
    };
    const replies = renderResult(text, name, result);
    const done: ActionResult = {
      replies,
      value: result.verdict,
      events: [{ type: 'check_completed', check: name, verdict: result.verdict }],
    };
    if (ctx.profile.consent !== true) {
      if (result.steps.length > 0)
        replies.push({ text: say(text, 'checks.common.plan_not_saved') });
      return done;
    }
    // Merge even with no steps: a re-run that finds nothing clears the check's old steps.
    if (result.steps.length === 0 && !ctx.profile.plan) return done;
    const merged = mergePlan(ctx.profile.plan, name, result.steps, ctx.now);
    const plan = fitPlan(merged, stage, content.advice, ctx.now) ?? merged;
    if (result.steps.length > 0) replies.push({ text: say(text, 'checks.common.plan_saved') });
    return { ...done, profile: { plan }, events: [...(done.events ?? []), planEvent(plan)] };
  };
}

/** Show the next step of the plan; the value says what was shown. */
const planNext: ActionFactory = (content) => (ctx) => {
  const text = textContext(content, ctx);
  // Without consent nothing is kept, and an old plan is dropped.
  if (ctx.profile.consent !== true)
    return {
      replies: [{ text: say(text, 'plan.no_consent') }],
      value: 'no_consent',
      ...(ctx.profile.plan ? { profile: { plan: undefined } } : {}),
    };
  // Fitted to the seller's stage: a new stage, or a plan made before stages, is reordered
  // and stored; a seller with few orders has steps even before running a check.
  const stored = ctx.profile.plan;
  const plan = fitPlan(stored, ctx.profile.stage, content.advice, ctx.now);
  const changed =
    plan !== stored ? { profile: { plan }, events: plan ? [planEvent(plan)] : [] } : {};
  const next = nextStep(plan);
  if (!plan || plan.steps.length === 0)
    return { replies: [{ text: say(text, 'plan.empty') }], value: 'empty', ...changed };
  if (!next)
    return {
      replies: [{ text: say(text, 'plan.finished', { total: plan.steps.length }) }],
      value: 'finished',
      ...changed,
    };
  return { replies: [renderPlanStep(text, next)], value: 'step', ...changed };
};

/** Change the step "next step" shows (done, put off) and say which one. */
function planChange(change: (plan: Plan, now: number) => Plan, key: string): ActionFactory {
  return (content) => (ctx) => {
    const plan = ctx.profile.plan;
    const next = nextStep(plan);
    if (ctx.profile.consent !== true || !plan || !next) return { replies: [], value: 'nothing' };
    const text = textContext(content, ctx);
    const updated = change(plan, ctx.now);
    return {
      replies: [{ text: say(text, key, { title: stepTitle(text, next.step) }) }],
      value: 'changed',
      profile: { plan: updated },
      events: [planEvent(updated)],
    };
  };
}

/**
 * The advice actions flows run by name: the four checks and the plan (`plan_next` shows
 * the next step, `plan_done` marks it done, `plan_later` puts it off).
 */
export const ADVICE_ACTIONS: Readonly<Record<string, ActionFactory>> = {
  village_check: checkAction('village', (ctx) => villageInputFrom(ctx.input, ctx.profile)),
  logistics_check: checkAction('logistics', (ctx) => logisticsInputFrom(ctx.input, ctx.profile)),
  niche_check: checkAction('niche', (ctx) => nicheInputFrom(ctx.input, ctx.profile)),
  storytelling_check: checkAction('storytelling', (ctx) =>
    storytellingInputFrom(ctx.input, ctx.profile),
  ),
  plan_next: planNext,
  plan_done: planChange((plan, now) => markDone(plan, now), 'plan.marked'),
  plan_later: planChange((plan, now) => putOff(plan, now), 'plan.put_off'),
};

function planEvent(plan: Plan) {
  return {
    type: 'plan_updated' as const,
    steps: plan.steps.length,
    done: plan.steps.filter((s) => s.done).length,
  };
}
