import { askChoiceStep, type AskChoiceNode } from './ask-choice';
import { askNumberStep, type AskNumberNode } from './ask-number';
import { askTextStep, type AskTextNode } from './ask-text';
import { askYesNoStep, type AskYesNoNode } from './ask-yes-no';
import { branchStep, type BranchNode } from './branch';
import { endStep, type EndNode } from './end';
import { eraseUserStep, type EraseUserNode } from './erase-user';
import { gotoFlowStep, type GotoFlowNode } from './goto-flow';
import { messageStep, type MessageNode } from './message';
import { runActionStep, type RunActionNode } from './run-action';
import { setProfileStep, setProfileStepFor, type SetProfileNode } from './set-profile';
import type { StepType } from './types';

/**
 * Node types by their `type` name: the core's here; a domain adds its own with a module
 * augmentation beside its step, e.g.
 * `declare module '../core/steps' { interface StepNodes { survey: SurveyStepNode } }`,
 * and the composition root registers the step type (`src/domains.ts`).
 */
export interface StepNodes {
  message: MessageNode;
  ask_choice: AskChoiceNode;
  ask_number: AskNumberNode;
  ask_text: AskTextNode;
  ask_yes_no: AskYesNoNode;
  branch: BranchNode;
  set_profile: SetProfileNode;
  goto_flow: GotoFlowNode;
  erase_user: EraseUserNode;
  run_action: RunActionNode;
  end: EndNode;
}

/** Any node of a flow. */
export type FlowNode = StepNodes[keyof StepNodes];

/** A step type of any node (what a registry holds). */
export type SomeStepType = StepType<{ id: string; type: string }>;

/**
 * The core's step types, `set_profile` allowed to set `settable` fields (the core's and
 * the removable domain slices, see `settableFields` in ../slices.ts). A new core type is
 * one file plus a line here; a domain's type is registered by the composition root.
 */
export function coreStepTypes(settable?: readonly string[]): SomeStepType[] {
  return [
    messageStep,
    askChoiceStep,
    askNumberStep,
    askTextStep,
    askYesNoStep,
    branchStep,
    settable ? setProfileStepFor(settable) : setProfileStep,
    gotoFlowStep,
    eraseUserStep,
    runActionStep,
    endStep,
  ] as SomeStepType[];
}

/** Step types by their `type` name, as the engine and the content check look them up. */
export type StepRegistry = ReadonlyMap<string, StepType<FlowNode>>;

/**
 * A registry of step types. A type registered twice is a programming error.
 *
 * @example const steps = stepRegistry([...coreStepTypes(), surveyStep]);
 */
export function stepRegistry(types: readonly SomeStepType[]): StepRegistry {
  const registry = new Map<string, StepType<FlowNode>>();
  for (const type of types) {
    if (registry.has(type.type)) throw new Error(`step type ${type.type} registered twice`);
    registry.set(type.type, type as unknown as StepType<FlowNode>);
  }
  return registry;
}

/** The core's step types alone (engine and flow tests; the program falls back to them). */
export const CORE_STEPS: StepRegistry = stepRegistry(coreStepTypes());

/** The step type of a node. Nodes come from validated content, so the type exists. */
export function stepTypeOf(registry: StepRegistry, node: { type: string }): StepType<FlowNode> {
  const type = registry.get(node.type);
  if (!type) throw new Error(`unknown step type ${node.type}`);
  return type;
}
