import type { CheckName, Plan, PlanStep } from './plan-schema';
import { priority, stableSort } from './result';
import type { Step } from './schemas';

/** The most steps a plan keeps (the profile must stay small). */
export const MAX_PLAN_STEPS = 40;

/** Sort plan steps by {@link priority}; equal ones keep their order (check run order first). */
export function orderSteps(steps: readonly PlanStep[]): PlanStep[] {
  return stableSort(steps, priority);
}

/**
 * Merge the steps of a check into a plan. The check's earlier steps are replaced by the
 * new ones (so a re-run reflects the new numbers); a step done before stays done when the
 * check asks for it again. Steps of other checks are kept.
 *
 * @example mergePlan(undefined, 'logistics', result.steps, now).steps[0]
 */
export function mergePlan(
  plan: Plan | undefined,
  check: CheckName,
  steps: readonly Step[],
  now: number,
): Plan {
  const before = plan?.steps ?? [];
  const done = new Set(before.filter((s) => s.check === check && s.done).map((s) => s.id));
  const others = before.filter((s) => s.check !== check);
  const fresh: PlanStep[] = steps.map((s) => ({
    id: s.id,
    check,
    finding: s.finding,
    severity: s.severity,
    quickWin: s.quickWin,
    ...(Object.keys(s.params).length > 0 ? { params: s.params } : {}),
    ...(s.lesson ? { lesson: s.lesson } : {}),
    ...(done.has(s.id) ? { done: true } : {}),
  }));
  const unique = [...others.filter((o) => !fresh.some((f) => f.id === o.id)), ...fresh];
  return { steps: orderSteps(unique).slice(0, MAX_PLAN_STEPS), updatedAt: now };
}

/** The step to show next, with where it stands in the plan. */
export interface NextStep {
  step: PlanStep;
  /** 1-based position among all steps of the plan. */
  position: number;
  total: number;
  done: number;
}

/**
 * The first step not done, skipping steps put off while others remain; undefined when
 * the plan is empty or finished.
 */
export function nextStep(plan: Plan | undefined): NextStep | undefined {
  const steps = plan?.steps ?? [];
  const open = steps.filter((s) => !s.done);
  const step = open.find((s) => !s.later) ?? open[0];
  if (!step) return undefined;
  return {
    step,
    position: steps.indexOf(step) + 1,
    total: steps.length,
    done: steps.length - open.length,
  };
}

/** Mark the next step (or the step `id`) done; unchanged when there is nothing to mark. */
export function markDone(plan: Plan, now: number, id = nextStep(plan)?.step.id): Plan {
  if (id === undefined) return plan;
  const steps = plan.steps.map((s) => {
    if (s.id !== id) return s;
    const { later: _later, ...rest } = s;
    return { ...rest, done: true };
  });
  return { steps, updatedAt: now };
}

/**
 * Put the next step off: it moves behind the other open steps. When every open step has
 * been put off, they all come back in plan order.
 */
export function putOff(plan: Plan, now: number, id = nextStep(plan)?.step.id): Plan {
  if (id === undefined) return plan;
  let steps = plan.steps.map((s) => (s.id === id && !s.done ? { ...s, later: true } : s));
  if (steps.every((s) => s.done || s.later)) {
    steps = steps.map(({ later: _later, ...rest }) => rest);
  }
  return { steps, updatedAt: now };
}

/** Whether every step of a non-empty plan is done. */
export function isFinished(plan: Plan | undefined): boolean {
  return (plan?.steps.length ?? 0) > 0 && (plan?.steps ?? []).every((s) => s.done);
}
