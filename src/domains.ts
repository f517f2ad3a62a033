/**
 * The registration of the domains with the core: every step type, action and profile slice
 * the program knows. The composition root (`compose.ts`) builds the program from it, the
 * content build checks flows against it, and the shell reads profiles with its schema.
 * A domain's new step type, action or slice is a line here.
 */
import { ADVICE_ACTIONS } from './advice/actions';
import { ASK_ACTIONS } from './ask/actions';
import { askSlice } from './ask/slice';
import { planSlice } from './advice/plan-schema';
import type { ContentActionFactory } from './content/schema';
import { flowSchemaFor } from './core/flow';
import type { Profile } from './core/profile';
import { profileSchemaWith, settableFields, type SliceRegistry } from './core/slices';
import { coreStepTypes, stepRegistry, type StepRegistry } from './core/steps';
import { COURSE_ACTIONS } from './courses/actions';
import { experimentsSlice } from './experiments/slice';
import { coursesSlice } from './courses/progress-schema';
import { surveysSlice } from './surveys/slice';
import { surveyStep } from './surveys/step';
import type * as z from 'zod';

/** The domains' parts of the profile, by field. */
export const PROFILE_SLICES: SliceRegistry = {
  plan: planSlice,
  courses: coursesSlice,
  surveys: surveysSlice,
  ask: askSlice,
  experiments: experimentsSlice,
};

/** A stored profile, read: core fields and every slice (an unreadable slice is dropped). */
export const profileSchema: z.ZodType<Profile> = profileSchemaWith(PROFILE_SLICES);

/** Every step type a flow may use, by name. */
export const STEPS: StepRegistry = stepRegistry([
  ...coreStepTypes(settableFields(PROFILE_SLICES)),
  surveyStep,
]);

/** A flow over every registered step type. */
export const flowSchema = flowSchemaFor(STEPS);

/**
 * Every action a flow may run with `run_action`, by name, each built over the content
 * bundle (actions read benchmarks, thresholds and lists from it). The content build refuses
 * a flow that names an action missing here.
 */
export const ACTIONS: Readonly<Record<string, ContentActionFactory>> = {
  ...ADVICE_ACTIONS,
  ...COURSE_ACTIONS,
  ...ASK_ACTIONS,
};

/** What content may name, for the content build (`compileContent`). */
export const REGISTERED = { actions: Object.keys(ACTIONS), steps: STEPS };
