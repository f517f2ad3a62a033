import type { Action } from './core/action';

/**
 * Every action a flow may run with `run_action`, by name. The content build refuses a flow
 * that names an action missing here; domain modules (advice, surveys, courses) add theirs.
 */
export const ACTIONS: Readonly<Record<string, Action>> = {};
