import * as z from 'zod';
import type { EngineEvent } from '../core/events';
import type { ProfileSlice } from '../core/slices';
import { assignmentTable } from './schema';

/** A person's arm in each experiment they are in, by experiment id. */
export type ExperimentArms = Record<string, string>;

/**
 * The experiments slice of the profile: the arms the person was given, as the store's
 * assignments say (the shell refreshes it from the turn's load, so flows and survey
 * questions branch on it with `{ "slice": "experiments", "key": "<id>", "op": "eq",
 * "value": "<arm>" }`). Erasing the person erases their assignments too.
 */
export const experimentsSlice: ProfileSlice<ExperimentArms> = {
  schema: z.record(z.string(), z.string()),
  erase: (arms): EngineEvent[] =>
    Object.keys(arms).map((id) => ({
      type: 'record_set',
      table: assignmentTable(id),
      value: null,
    })),
};

declare module '../core/profile' {
  interface ProfileSlices {
    experiments: ExperimentArms;
  }
}
