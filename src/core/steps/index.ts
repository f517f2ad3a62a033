import { askChoiceStep } from './ask-choice';
import { askNumberStep } from './ask-number';
import { askTextStep } from './ask-text';
import { askYesNoStep } from './ask-yes-no';
import { branchStep } from './branch';
import { endStep } from './end';
import { eraseUserStep } from './erase-user';
import { gotoFlowStep } from './goto-flow';
import { messageStep } from './message';
import { runActionStep } from './run-action';
import { setProfileStep } from './set-profile';
import { surveyStep } from './survey';
import type { StepType } from './types';

/** Every step type, registered by its `type` name. A new type is one file plus a line here. */
export const STEP_TYPES = [
  messageStep,
  askChoiceStep,
  askNumberStep,
  askTextStep,
  askYesNoStep,
  branchStep,
  setProfileStep,
  gotoFlowStep,
  eraseUserStep,
  runActionStep,
  surveyStep,
  endStep,
] as const;

/** Any node of a flow. */
export type FlowNode = (typeof STEP_TYPES)[number] extends StepType<infer N> ? N : never;

const byType = new Map<string, StepType<FlowNode>>(
  STEP_TYPES.map((s) => [s.type, s as unknown as StepType<FlowNode>]),
);

/** The step type of a node. Nodes come from validated content, so the type exists. */
export function stepTypeOf(node: FlowNode): StepType<FlowNode> {
  const type = byType.get(node.type);
  if (!type) throw new Error(`unknown step type ${node.type}`);
  return type;
}
