import type { Plan, PlanStep, Severity } from './plan-schema';
import type { Stage } from '../core/profile';
import type { AdviceData } from './content-schema';
import { MAX_PLAN_STEPS } from './plan';
import { priority, stableSort } from './result';
import type { Step } from './schemas';

/**
 * Fitting steps to the seller's stage (content/rules/plan.yaml): a seller's own steps
 * first; village-level steps (scope `village` in content/rules/steps.yaml) only for
 * organisers, everyone else gets at most one "talk to your village committee" step; a
 * seller with few or no orders gets the steps that bring orders. An unknown stage (people
 * onboarded before it was asked) keeps every step, the seller's own first.
 */

interface Rankable {
  id: string;
  severity: Severity;
  quickWin: boolean;
  check?: string;
}

const isVillage = (data: AdviceData, id: string) => data.rules.steps[id]?.scope === 'village';

/** Where a step goes for a stage: groups first, then {@link priority} (or the stage's order) inside. */
function rank(data: AdviceData, stage: Stage | undefined) {
  const contact = data.rules.plan.village_contact_step;
  const stageSteps = stage ? (data.rules.plan.stage_steps[stage] ?? []) : [];
  return (step: Rankable): number => {
    const village = isVillage(data, step.id);
    let group: number;
    if (step.severity === 'serious') group = 0;
    else if (stage === 'organiser') group = village ? 1 : 2;
    else if (stage === undefined) group = village ? 2 : 1;
    else if (step.id === contact) group = 3;
    else group = stageSteps.includes(step.id) ? 1 : 2;
    // The stage's own steps keep the order content/rules/plan.yaml gives them.
    return group * 100 + (group === 1 ? stageSteps.indexOf(step.id) : priority(step));
  };
}

/**
 * A check's steps for a stage: village-level steps dropped for non-organisers (replaced by
 * one contact step), then ordered for the stage.
 *
 * @example fitSteps(result.steps, 'few_orders', data).map((s) => s.id)
 */
export function fitSteps(
  steps: readonly Step[],
  stage: Stage | undefined,
  data: AdviceData,
): Step[] {
  let kept = [...steps];
  if (stage !== undefined && stage !== 'organiser') {
    const dropped = kept.filter((s) => isVillage(data, s.id));
    kept = kept.filter((s) => !isVillage(data, s.id));
    const first = dropped[0];
    if (first) kept.push(contactStep(data, first.finding));
  }
  return stableSort(kept, rank(data, stage));
}

function contactStep(data: AdviceData, finding: string): Step {
  const id = data.rules.plan.village_contact_step;
  const entry = data.rules.steps[id];
  return {
    id,
    finding,
    severity: 'info',
    quickWin: entry?.quick_win ?? false,
    params: {},
    ...(entry?.lesson ? { lesson: entry.lesson } : {}),
  };
}

/** A plan step the stage adds (check `stage`), with what the step catalogue says. */
function stageStep(data: AdviceData, id: string, finding: string): PlanStep {
  const entry = data.rules.steps[id];
  return {
    id,
    check: 'stage',
    finding,
    severity: 'warn',
    quickWin: entry?.quick_win ?? false,
    ...(entry?.lesson ? { lesson: entry.lesson } : {}),
  };
}

/**
 * A stored plan fitted to the stage: village-level steps only for organisers (others keep
 * one contact step), the stage's own steps added (those of another stage not yet done
 * removed), everything ordered for the stage. Idempotent; returns the same plan object
 * when nothing changes.
 *
 * @example fitPlan(profile.plan, 'few_orders', data, now)
 */
export function fitPlan(
  plan: Plan | undefined,
  stage: Stage | undefined,
  data: AdviceData,
  now: number,
): Plan | undefined {
  if (stage === undefined) return plan;
  const before = plan?.steps ?? [];
  const contact = data.rules.plan.village_contact_step;
  const wanted = data.rules.plan.stage_steps[stage] ?? [];
  let steps = before.filter(
    (s) => s.check !== 'stage' || s.done || s.id === contact || wanted.includes(s.id),
  );
  if (stage === 'organiser') {
    steps = steps.filter((s) => s.id !== contact || s.done);
  } else {
    const dropped = steps.filter((s) => isVillage(data, s.id));
    steps = steps.filter((s) => !isVillage(data, s.id));
    const first = dropped[0];
    if (first && !steps.some((s) => s.id === contact))
      steps.push({ ...contactStep(data, first.finding), check: first.check, params: undefined });
  }
  for (const id of wanted)
    if (!steps.some((s) => s.id === id)) steps.push(stageStep(data, id, stage));
  const fitted = stableSort(
    steps.map(({ params, ...rest }) =>
      params && Object.keys(params).length > 0 ? { ...rest, params } : rest,
    ),
    rank(data, stage),
  ).slice(0, MAX_PLAN_STEPS);
  if (fitted.length === 0 && !plan) return undefined;
  const same =
    plan !== undefined &&
    fitted.length === before.length &&
    fitted.every((s, i) => canonical(s) === canonical(before[i]));
  return same ? plan : { steps: fitted, updatedAt: now };
}

/** A step as JSON with sorted keys, to compare steps whatever order their keys were set in. */
function canonical(step: PlanStep | undefined): string {
  return JSON.stringify(step ?? null, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  );
}
