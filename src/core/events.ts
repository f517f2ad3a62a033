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
  /** The person joined or left a named audience (a course's subscribers, say). */
  | { type: 'subscribed'; list: string }
  | { type: 'unsubscribed'; list: string }
  /** A durable record to keep (a survey answer, say), appended to the named log. */
  | { type: 'recorded'; log: string; entry: Record<string, unknown> }
  /**
   * A trainer confirmed a push: the shell creates the broadcast job once the turn is
   * committed, with an id derived from the message id, so a re-delivery cannot make two.
   */
  | {
      type: 'broadcast_requested';
      audience: { course: string };
      messages: { 'zh-CN'?: string; en?: string };
    }
  /**
   * Keep (or, with `value` null, delete) this person's record in a table: one survey
   * response per person and survey version. The shell keys it by the person's pseudonym.
   */
  | { type: 'record_set'; table: string; value: Record<string, unknown> | null }
  /** Move a named counter (a survey's started/completed/declined/withdrawn). */
  | { type: 'counted'; counter: string; by: number }
  /** A resumable flow was set aside (`auto`: interrupted by a command) or taken up again. */
  | { type: 'flow_paused'; flow: string; auto: boolean }
  | { type: 'flow_resumed'; flow: string }
  | { type: 'unknown_input' }
  | { type: 'keyword_matched'; flow: string; keyword: string }
  | { type: 'check_completed'; check: string; verdict: string }
  | { type: 'plan_updated'; steps: number; done: number }
  | { type: 'choice_stale'; ref: string }
  | { type: 'unknown_command'; command: string }
  | { type: 'content_error'; flow: string; node?: string; message: string }
  | { type: 'guard_tripped'; limit: 'steps' | 'replies' };
