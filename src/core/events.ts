import type { Value } from './conditions';

/**
 * What happened in a turn. The shell acts on some (counters, erasure); analytics and
 * tests read all of them.
 */
export type EngineEvent =
  | { type: 'flow_started'; flow: string }
  | { type: 'flow_ended'; flow: string; reason: 'completed' | 'left' | 'error' }
  | { type: 'answer_recorded'; flow: string; node: string; var: string; value: Value }
  | { type: 'input_rejected'; flow: string; node: string; reason: string }
  | { type: 'profile_set'; field: string; value: Value }
  | { type: 'user_erased' }
  | { type: 'unknown_input' }
  | { type: 'choice_stale'; ref: string }
  | { type: 'unknown_command'; command: string }
  | { type: 'content_error'; flow: string; node?: string; message: string }
  | { type: 'guard_tripped'; limit: 'steps' | 'replies' };
