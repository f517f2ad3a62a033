import * as z from 'zod';
import { experimentInputSchema, experimentSchema } from '../experiments/schema';
import type { AdminOperation } from './operation';

const count = z.number().int().min(0);

/** An experiment's balance, as `GET /admin/api/experiments/{id}` answers. */
export const experimentBalanceSchema = z.object({
  id: z.string(),
  arms: z.record(z.string(), count),
  strata: z.record(z.string(), z.record(z.string(), count)),
});

/** The experiment operations of the admin API, for the OpenAPI document and the role matrix. */
export const EXPERIMENT_OPERATIONS: AdminOperation[] = [
  {
    method: 'post',
    path: '/admin/api/experiments',
    operationId: 'defineExperiment',
    tag: 'experiments',
    summary:
      'Define an experiment with random arms: people in its audience are assigned at their ' +
      'first turn, by block randomisation within strata; 409 when the id exists',
    body: experimentInputSchema,
    ok: { status: '201', description: 'the experiment, with its seed', schema: experimentSchema },
  },
  {
    method: 'get',
    path: '/admin/api/experiments/{id}',
    operationId: 'getExperiment',
    tag: 'experiments',
    summary: 'People per arm, overall and within each stratum',
    ok: { status: '200', description: 'the balance', schema: experimentBalanceSchema },
  },
];
