import { blockQuotas, drawFor, stratumOf } from '../experiments/assign';
import type { ExperimentSource } from '../experiments/io/source';
import { assignmentTable, eligible, type Experiment } from '../experiments/schema';
import type { Profile } from '../core/profile';
import type { Effect, ExperimentMaterial, TurnReads, UserRef } from '../store/port';

/** What a turn needs for experiments (on only with a pseudonym secret, like surveys). */
export interface ExperimentTurnDeps {
  experiments?: ExperimentSource;
  pseudonym?: (user: UserRef) => Promise<string>;
}

/** What the turn's load reads about experiments, or undefined when they are off. */
export async function experimentReads(
  deps: ExperimentTurnDeps,
  user: UserRef,
): Promise<TurnReads['experiments']> {
  if (!deps.experiments || !deps.pseudonym) return undefined;
  return { pseudonym: await deps.pseudonym(user), ids: deps.experiments.ids() };
}

/** The experiments of this turn and the person's profile with their arms (for conditions). */
export function withArms(
  deps: ExperimentTurnDeps,
  profile: Profile,
  material: ExperimentMaterial | undefined,
): { profile: Profile; experiments: Experiment[] } {
  if (!deps.experiments || !material) return { profile, experiments: [] };
  const { experiments, arms } = deps.experiments.accept(material);
  const merged = { ...profile.experiments, ...arms };
  return {
    profile: Object.keys(merged).length > 0 ? { ...profile, experiments: merged } : profile,
    experiments,
  };
}

/**
 * People who match an experiment's audience after the turn (say, they just consented) and
 * have no arm yet are assigned in this turn's commit: the store picks the arm (an atomic
 * block counter per stratum) and ignores the request for someone assigned already, so a
 * re-delivered or concurrent turn never assigns twice. The arm shows from the next turn.
 */
export function assignEffects(
  experiments: readonly Experiment[],
  profile: Profile,
  pseudonym: string | undefined,
  at: number,
  ref: string,
): Effect[] {
  if (pseudonym === undefined) return [];
  const record = profile as Record<string, unknown>;
  return experiments
    .filter((e) => profile.experiments?.[e.id] === undefined && eligible(e, record))
    .map((e) => ({
      kind: 'assign_arm',
      table: assignmentTable(e.id),
      key: pseudonym,
      stratum: stratumOf(record, e.stratifyBy),
      draw: drawFor(e.seed, pseudonym),
      quotas: blockQuotas(e.arms),
      at,
      index: { user: ref, experiment: e.id },
    }));
}
