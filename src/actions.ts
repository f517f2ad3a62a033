import { ADVICE_ACTIONS } from './advice/actions';
import type { ContentBundle } from './content/schema';
import { COURSE_ACTIONS } from './courses/actions';
import type { Action } from './core/action';

/** Builds an action over the content bundle (benchmarks, thresholds, lists). */
export type ActionFactory = (content: ContentBundle) => Action;

/**
 * Every action a flow may run with `run_action`, by name, each built over the content
 * bundle (actions read benchmarks, thresholds and lists from it). The content build refuses
 * a flow that names an action missing here; domain modules (advice, surveys, courses) add
 * theirs.
 */
export const ACTIONS: Readonly<Record<string, ActionFactory>> = {
  ...ADVICE_ACTIONS,
  ...COURSE_ACTIONS,
};

/**
 * The actions bound to a content bundle, as the engine runs them.
 *
 * @example const actions = bindActions(content);
 */
export function bindActions(content: ContentBundle): Readonly<Record<string, Action>> {
  return Object.fromEntries(Object.entries(ACTIONS).map(([name, build]) => [name, build(content)]));
}
