import type { Severity } from './plan-schema';
import type { AdviceData, Criterion } from './content-schema';
import type { Finding, Step } from './schemas';

/** Finding data: the numbers and ids the locale text interpolates. */
export type FindingData = Finding['data'];

const RANK: Readonly<Record<Severity, number>> = { serious: 0, warn: 1, info: 2 };

/** Order severities most urgent first (for sorting). */
export function severityRank(severity: Severity): number {
  return RANK[severity];
}

/** A finding. */
export function finding(id: string, severity: Severity, data: FindingData = {}): Finding {
  return { id, severity, data };
}

/**
 * The step `id` answering `cause`, with what the step catalogue says about it (quick win,
 * lesson). A step missing from the catalogue is not a quick win; a test keeps them listed.
 */
export function stepFor(
  data: AdviceData,
  cause: Finding,
  id: string,
  params: Step['params'] = paramsOf(cause),
): Step {
  const entry = data.rules.steps[id];
  return {
    id,
    finding: cause.id,
    severity: cause.severity,
    quickWin: entry?.quick_win ?? false,
    params,
    ...(entry?.lesson ? { lesson: entry.lesson } : {}),
  };
}

/** The numbers and words of a finding, as the parameters of its steps' text. */
export function paramsOf(cause: Finding): Step['params'] {
  return Object.fromEntries(
    Object.entries(cause.data).filter(
      (e): e is [string, number | string] => typeof e[1] === 'number' || typeof e[1] === 'string',
    ),
  );
}

/**
 * Where a step goes in a list or plan: serious first, then quick wins, then the other
 * warnings, then the rest; among the serious ones, quick wins first.
 */
export function priority(step: { severity: Severity; quickWin: boolean }): number {
  if (step.severity === 'serious') return step.quickWin ? 0 : 1;
  if (step.quickWin) return 2;
  return step.severity === 'warn' ? 3 : 4;
}

/** Sort by a rank; equal ones keep their order. */
export function stableSort<T>(list: readonly T[], rank: (item: T) => number): T[] {
  return list
    .map((item, i) => ({ item, i }))
    .sort((a, b) => rank(a.item) - rank(b.item) || a.i - b.i)
    .map(({ item }) => item);
}

/** Findings most urgent first; steps by {@link priority}, each once (its most urgent cause). */
export function tidy<R extends { findings: Finding[]; steps: Step[] }>(result: R): R {
  const seen = new Set<string>();
  const steps = stableSort(result.steps, (s) => severityRank(s.severity)).filter(
    (s) => !seen.has(s.id) && seen.add(s.id),
  );
  return {
    ...result,
    findings: stableSort(result.findings, (f) => severityRank(f.severity)),
    steps: stableSort(steps, priority),
  };
}

/** `ok`, `warn` or `serious`: the worst finding decides. */
export function verdictOf(findings: readonly Finding[]): 'ok' | 'warn' | 'serious' {
  if (findings.some((f) => f.severity === 'serious')) return 'serious';
  if (findings.some((f) => f.severity === 'warn')) return 'warn';
  return 'ok';
}

/** Whether a value meets a criterion ("at least", or "over" when not inclusive). */
export function meets(value: number, criterion: Pick<Criterion, 'value' | 'inclusive'>): boolean {
  return criterion.inclusive ? value >= criterion.value : value > criterion.value;
}

/**
 * How much more is needed to meet a criterion: 0 when met; for "over" criteria the
 * smallest whole amount that gets strictly above it.
 */
export function shortfall(
  value: number,
  criterion: Pick<Criterion, 'value' | 'inclusive'>,
): number {
  if (meets(value, criterion)) return 0;
  const gap = criterion.value - value;
  return criterion.inclusive ? round(gap) : Math.floor(gap) + 1;
}

/** Round to 2 decimals, for percentages and money shown to people. */
export function round(value: number): number {
  return Math.round(value * 100) / 100;
}
