import type { ExperimentMaterial } from '../../store/port';
import { assignmentSchema } from '../assign';
import type { Experiment } from '../schema';
import { parseExperiments } from './registry';

/**
 * The experiments a turn knows of, kept per isolate: each turn's load reads every
 * definition (a small hash) and the person's assignment in the experiments known here, so
 * an experiment defined since the isolate last looked is known from the next turn on.
 */
export interface ExperimentSource {
  /** The experiment ids whose assignments the next load should read. */
  ids(): readonly string[];
  /** Take what a load read: the experiments now, and the person's arm in each. */
  accept(material: ExperimentMaterial): { experiments: Experiment[]; arms: Record<string, string> };
}

/** A new {@link ExperimentSource}. */
export function createExperimentSource(): ExperimentSource {
  let known: string[] = [];
  return {
    ids: () => known,
    accept(material) {
      const experiments = parseExperiments(material.definitions);
      known = experiments.map((e) => e.id).sort();
      const arms: Record<string, string> = {};
      for (const [id, raw] of Object.entries(material.assigned)) {
        const parsed = assignmentSchema.safeParse(raw);
        if (parsed.success) arms[id] = parsed.data.arm;
      }
      return { experiments, arms };
    },
  };
}
