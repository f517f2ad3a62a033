import type { Value } from '../conditions';
import type { Choice } from '../message';
import type { TextParams } from '../text';
import type { StepContext, Transition } from './types';

/** Fields every question node has. */
export interface AskNodeBase {
  id: string;
  save: string;
  next?: string;
}

/** Record a valid answer and move on. */
export function accept(
  node: AskNodeBase,
  value: Value,
  ctx: StepContext,
  next = node.next,
): Transition {
  ctx.setVar(node.save, value);
  ctx.emit({ type: 'answer_recorded', flow: ctx.flowId, node: node.id, var: node.save, value });
  return { to: 'next', node: next };
}

/**
 * Explain what was wrong in the person's language, ask again and keep waiting.
 * `reason` is a stable id; the message key is `errors.<reason>`.
 */
export function reject(
  node: AskNodeBase,
  reason: string,
  ctx: StepContext,
  ask: () => void,
  params?: TextParams,
): Transition {
  ctx.emit({ type: 'input_rejected', flow: ctx.flowId, node: node.id, reason });
  ctx.reply(ctx.text(`errors.${reason}`, params));
  ask();
  return { to: 'wait' };
}

/** Ask a question with optional choices and wait for the answer. */
export function askAndWait(ctx: StepContext, text: string, choices?: Choice[]): Transition {
  ctx.reply(text, choices);
  return { to: 'wait' };
}
