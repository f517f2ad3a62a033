import { experimentBalance, readExperiments, type Balance } from '../../experiments/io/registry';
import { experimentInputSchema, type Experiment } from '../../experiments/schema';
import {
  done,
  forbidden,
  recordAudit,
  refused,
  type Actor,
  type ServiceDeps,
  type ServiceOutcome,
  permittedInput,
} from './service';

/**
 * Define an experiment (`undefined`: the body was not JSON). Its seed is drawn here, once;
 * an id is defined once (409 after), so a retried POST whose answer was lost cannot make a
 * second experiment, and the arms people were given never change under them.
 */
export async function defineExperiment(
  deps: ServiceDeps,
  actor: Actor,
  body: unknown,
): Promise<ServiceOutcome<Experiment>> {
  const parsed = permittedInput(actor, 'defineExperiment', experimentInputSchema, body ?? null);
  if (!parsed.ok) return parsed;
  const experiment: Experiment = {
    ...parsed.value,
    seed: crypto.randomUUID(),
    createdAt: deps.now(),
  };
  if (!(await deps.store.addExperiment(experiment.id, experiment))) {
    return refused(409, 'exists');
  }
  await recordAudit(deps, actor, {
    action: 'experiment.create',
    target: { kind: 'experiment', id: experiment.id },
    details: { arms: experiment.arms.length },
  });
  return done(experiment);
}

/** Every experiment with its balance per arm and stratum. */
export async function listExperiments(
  deps: ServiceDeps,
  actor: Actor,
): Promise<ServiceOutcome<(Balance & { stratifyBy: string[] })[]>> {
  const refusal = forbidden(actor, 'getExperiment');
  if (refusal) return refusal;
  const experiments = await readExperiments(deps.store);
  const out = [];
  for (const experiment of experiments.sort((a, b) => a.id.localeCompare(b.id))) {
    out.push({
      ...(await experimentBalance(deps.store, experiment)),
      stratifyBy: experiment.stratifyBy ?? [],
    });
  }
  return done(out);
}

/** An experiment's balance: people per arm, and per arm within each stratum. */
export async function getExperiment(
  deps: ServiceDeps,
  actor: Actor,
  id: string,
): Promise<ServiceOutcome<Balance>> {
  const refusal = forbidden(actor, 'getExperiment');
  if (refusal) return refusal;
  const experiment = (await readExperiments(deps.store)).find((e) => e.id === id);
  if (!experiment) return refused(404, 'not_found');
  return done(await experimentBalance(deps.store, experiment));
}
