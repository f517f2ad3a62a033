import type { Value } from './conditions';
import type { Conversation, Paused } from './conversation';
import type { EngineEvent } from './events';
import type { Flow } from './flow';

/**
 * Resumable flows (a survey): what happens to them when something interrupts them, and
 * how they come back. Pure functions over the conversation; the engine calls them.
 */

/** The conversation after leaving the open flow, and what to report. */
export interface Left {
  conversation: Conversation;
  events: EngineEvent[];
}

/**
 * Leave the open flow for another one. A resumable flow is set aside (`auto`: it comes
 * back when the other flow is done); any other flow ends. One flow is kept aside at most:
 * setting a second aside drops the first.
 */
export function leaveOpenFlow(
  conversation: Conversation,
  flows: Readonly<Record<string, Flow>>,
): Left {
  const at = conversation.at;
  if (!at) return { conversation, events: [] };
  if (flows[at.flow]?.resumable) return setAside(conversation, { ...at, auto: true });
  return {
    conversation: { ...conversation, at: null },
    events: [{ type: 'flow_ended', flow: at.flow, reason: 'left' }],
  };
}

/** Set a position aside as the paused flow; the open question closes. */
export function setAside(conversation: Conversation, paused: Paused): Left {
  const dropped = conversation.paused;
  const events: EngineEvent[] = [];
  if (dropped && (dropped.flow !== paused.flow || dropped.node !== paused.node))
    events.push({ type: 'flow_ended', flow: dropped.flow, reason: 'left' });
  events.push({ type: 'flow_paused', flow: paused.flow, auto: paused.auto });
  return { conversation: { ...conversation, at: null, paused }, events };
}

/**
 * Starting a flow that is set aside takes it up again: its variables come back, overlaid
 * with the ones the start brings (a command's `args`).
 */
export function takeUp(
  conversation: Conversation,
  flowId: string,
  vars: Record<string, Value>,
): { conversation: Conversation; vars: Record<string, Value>; resumed: boolean } {
  const paused = conversation.paused;
  if (!paused || paused.flow !== flowId) return { conversation, vars, resumed: false };
  return {
    conversation: { ...conversation, paused: null },
    vars: { ...paused.vars, ...vars },
    resumed: true,
  };
}

/**
 * The flow to bring back at the end of a turn: one that an interruption set aside, once
 * nothing else is waiting for an answer. Null when there is none.
 */
export function dueToResume(conversation: Conversation): Paused | null {
  const paused = conversation.paused;
  return conversation.at === null && paused?.auto ? paused : null;
}
