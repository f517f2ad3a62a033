import type { SurveyStore } from '../../store/port';
import { assignmentSchema } from '../assign';
import { assignmentTable, experimentSchema, type Experiment } from '../schema';

/** Every experiment defined (through the admin API); unreadable entries are skipped. */
export async function readExperiments(
  store: Pick<SurveyStore, 'experiments'>,
): Promise<Experiment[]> {
  return parseExperiments(await store.experiments());
}

/** Experiments from their stored JSON (the store's `experiments`, or a turn's load). */
export function parseExperiments(raw: Record<string, unknown>): Experiment[] {
  return Object.values(raw).flatMap((value) => {
    const parsed = experimentSchema.safeParse(value);
    return parsed.success ? [parsed.data] : [];
  });
}

/** How many people each arm holds, overall and per stratum. */
export interface Balance {
  id: string;
  arms: Record<string, number>;
  strata: Record<string, Record<string, number>>;
}

/**
 * An experiment's balance, counted from its assignments (one HSCAN page per 1,000 people;
 * the `#` fields are the block state, not people).
 */
export async function experimentBalance(
  store: Pick<SurveyStore, 'scanRecords'>,
  experiment: Experiment,
): Promise<Balance> {
  const arms = Object.fromEntries(experiment.arms.map((a) => [a.id, 0]));
  const strata: Record<string, Record<string, number>> = {};
  for await (const [, assignment] of assignments(store, experiment.id)) {
    arms[assignment.arm] = (arms[assignment.arm] ?? 0) + 1;
    const row = (strata[assignment.stratum] ??= Object.fromEntries(
      experiment.arms.map((a) => [a.id, 0]),
    ));
    row[assignment.arm] = (row[assignment.arm] ?? 0) + 1;
  }
  return { id: experiment.id, arms, strata };
}

/** Every assignment of an experiment: `[pseudonym, assignment]`. */
export async function* assignments(
  store: Pick<SurveyStore, 'scanRecords'>,
  id: string,
): AsyncGenerator<[string, { arm: string; stratum: string; at: number }]> {
  let cursor = '0';
  do {
    const page = await store.scanRecords(assignmentTable(id), cursor, 1000);
    for (const { key, value } of page.records) {
      if (key.startsWith('#')) continue;
      const parsed = assignmentSchema.safeParse(value);
      if (parsed.success) yield [key, parsed.data];
    }
    cursor = page.cursor;
  } while (cursor !== '0');
}

/** Each experiment's arm by pseudonym, for exports (one scan per experiment). */
export async function armsByPseudonym(
  store: Pick<SurveyStore, 'scanRecords' | 'experiments'>,
): Promise<{ ids: string[]; arms: Map<string, Record<string, string>> }> {
  const experiments = await readExperiments(store);
  const arms = new Map<string, Record<string, string>>();
  for (const experiment of experiments) {
    for await (const [pseudonym, assignment] of assignments(store, experiment.id)) {
      const row = arms.get(pseudonym) ?? {};
      row[experiment.id] = assignment.arm;
      arms.set(pseudonym, row);
    }
  }
  return { ids: experiments.map((e) => e.id).sort(), arms };
}
