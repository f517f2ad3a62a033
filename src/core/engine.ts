import type { Action } from './action';
import type { Value } from './conditions';
import { emptyConversation, type Conversation } from './conversation';
import type { EngineEvent } from './events';
import type { Flow } from './flow';
import {
  DEFAULT_LOCALE,
  LOCALES,
  type Choice,
  type Inbound,
  type Locale,
  type Outbound,
} from './message';
import type { Profile, SettableProfileField } from './profile';
import { stepTypeOf, type FlowNode } from './steps';
import type { Answer, ListItem, StepContext, Transition } from './steps/types';
import { resolveText, type Text, type TextParams, type Translate } from './text';

/** Everything the engine interprets: flows, content lists, commands, the text catalogue. */
export interface Program {
  flows: Readonly<Record<string, Flow>>;
  lists: Readonly<Record<string, readonly ListItem[]>>;
  /** Command name (without slash) to the flow it starts. `start` must be present. */
  commands: Readonly<Record<string, string>>;
  /** The flow offered after input that matches nothing (the main menu). */
  fallbackFlow: string;
  t: Translate;
  /** Pure domain actions flows may run by name (`run_action`). */
  actions?: Readonly<Record<string, Action>>;
}

/** The only outside world the engine sees. */
export interface EngineDeps {
  now(): number;
}

/** Guard rails, so a looping flow ends as an event rather than a timeout. */
export interface EngineOptions {
  maxSteps: number;
  maxReplies: number;
}

/** Defaults for {@link EngineOptions}. */
export const DEFAULT_ENGINE_OPTIONS: EngineOptions = { maxSteps: 100, maxReplies: 8 };

/** A person's state as the engine sees it. */
export interface TurnState {
  conversation: Conversation;
  profile: Profile;
}

/** The outcome of one turn. `erased` asks the shell to delete the person's data. */
export interface TurnResult {
  state: TurnState;
  replies: Outbound[];
  events: EngineEvent[];
  erased: boolean;
}

/**
 * Run one turn: a pure function of the program, the person's state and one inbound
 * message. No I/O, no clock but `deps.now`, no randomness.
 *
 * @example step(program, { conversation, profile }, inbound, { now: () => 0 })
 */
export function step(
  program: Program,
  state: TurnState,
  inbound: Inbound,
  deps: EngineDeps,
  options: EngineOptions = DEFAULT_ENGINE_OPTIONS,
): TurnResult {
  const turn = new Turn(program, state, inbound, deps, options);
  turn.run(inbound);
  return turn.result();
}

/** Pick the language for a turn: the profile's, else the channel's hint, else zh-CN. */
export function resolveLocale(profile: Profile, hint: string | undefined): Locale {
  if (profile.locale) return profile.locale;
  const lower = (hint ?? '').toLowerCase();
  if (lower.startsWith('zh')) return 'zh-CN';
  if (lower.startsWith('en')) return 'en';
  return DEFAULT_LOCALE;
}

class Turn implements StepContext {
  private profileState: Profile;
  private conversation: Conversation;
  private readonly replies: Outbound[] = [];
  private readonly events: EngineEvent[] = [];
  private erased = false;
  private steps = 0;
  private flow: Flow | undefined;
  private varsState: Record<string, Value> = {};
  private tripped: 'steps' | 'replies' | undefined;

  constructor(
    private readonly program: Program,
    state: TurnState,
    private readonly inbound: Inbound,
    private readonly deps: EngineDeps,
    private readonly options: EngineOptions,
  ) {
    this.profileState = { ...state.profile };
    this.conversation = { ...state.conversation };
  }

  // --- StepContext -------------------------------------------------------------

  get locale(): Locale {
    return resolveLocale(this.profileState, this.inbound.localeHint);
  }
  get vars(): Readonly<Record<string, Value>> {
    return this.varsState;
  }
  get profile(): Readonly<Profile> {
    return this.profileState;
  }
  get flowId(): string {
    return this.flow?.id ?? '';
  }
  text(text: Text, params?: TextParams): string {
    return resolveText(text, this.locale, this.program.t, params);
  }
  labels(text: Text): string[] {
    return LOCALES.map((locale) => resolveText(text, locale, this.program.t));
  }
  reply(text: string, choices?: Choice[]): void {
    if (this.replies.length >= this.options.maxReplies) {
      this.tripped ??= 'replies';
      return;
    }
    this.replies.push(choices && choices.length > 0 ? { text, choices } : { text });
  }
  setVar(name: string, value: Value): void {
    this.varsState = { ...this.varsState, [name]: value };
  }
  setProfile(field: SettableProfileField, value: Value): void {
    const now = this.deps.now();
    const { [field]: _old, ...others } = this.profileState;
    this.profileState = {
      ...others,
      ...(value === null ? {} : { [field]: value }),
      createdAt: this.profileState.createdAt ?? now,
      updatedAt: now,
    };
    this.events.push({ type: 'profile_set', field, value });
  }
  list(name: string): readonly ListItem[] | undefined {
    return this.program.lists[name];
  }
  emit(event: EngineEvent): void {
    this.events.push(event);
  }
  runAction(name: string, input: Record<string, Value>): Value | undefined {
    const action = this.program.actions?.[name];
    if (!action) return undefined;
    const result = action({
      input,
      locale: this.locale,
      profile: this.profileState,
      t: this.program.t,
      now: this.deps.now(),
    });
    for (const reply of result.replies) this.reply(reply.text, reply.choices);
    if (result.profile) this.patchProfile(result.profile);
    this.events.push(...(result.events ?? []));
    return result.value ?? null;
  }
  private patchProfile(patch: Partial<Profile>): void {
    const next: Record<string, unknown> = { ...this.profileState };
    for (const [field, value] of Object.entries(patch)) {
      if (value === undefined) delete next[field];
      else next[field] = value;
    }
    const now = this.deps.now();
    this.profileState = {
      ...(next as Profile),
      createdAt: this.profileState.createdAt ?? now,
      updatedAt: now,
    };
  }
  eraseUser(): void {
    // Keep only the language, so the goodbye is understood; the shell deletes the rest.
    this.profileState = this.profileState.locale ? { locale: this.profileState.locale } : {};
    this.erased = true;
    this.events.push({ type: 'user_erased' });
  }

  // --- the turn ------------------------------------------------------------------

  run(inbound: Inbound): void {
    if (inbound.kind === 'stop') {
      this.profileState = { ...this.profileState, active: false };
      return;
    }
    if (this.profileState.active === false) {
      this.profileState = { ...this.profileState, active: true };
    }
    if (inbound.kind === 'resume') return;
    if (
      inbound.kind === 'choice' &&
      inbound.ref !== undefined &&
      !this.isOpenQuestion(inbound.ref)
    ) {
      // A button of a question already answered must not answer the open one.
      this.events.push({ type: 'choice_stale', ref: inbound.ref });
      this.reply(this.text('errors.choice_answered'));
      return;
    }

    if (inbound.kind === 'start' || inbound.kind === 'command') {
      this.runCommand(inbound.kind === 'start' ? 'start' : (inbound.command ?? ''), inbound.args);
      return;
    }
    const at = this.conversation.at;
    if (at) {
      this.answer(at.flow, at.node, at.vars, { text: inbound.text, choiceId: inbound.choiceId });
      return;
    }
    this.events.push({ type: 'unknown_input' });
    this.reply(this.text('errors.unknown_input'));
    this.startFlow(this.program.fallbackFlow, {});
  }

  private isOpenQuestion(ref: string): boolean {
    return this.conversation.at !== null && ref === String(this.conversation.asked);
  }

  private runCommand(command: string, args: string | undefined): void {
    const target = this.program.commands[command];
    if (!target) {
      this.events.push({ type: 'unknown_command', command });
      this.reply(this.text('errors.unknown_command', { command }));
      // The open question, if any, stays open: ask it again so the person can answer.
      const at = this.conversation.at;
      if (at) this.resume(at.flow, at.node, at.vars);
      return;
    }
    this.leaveOpenFlow();
    this.startFlow(target, args ? { args } : {});
  }

  private leaveOpenFlow(): void {
    const at = this.conversation.at;
    if (at) this.events.push({ type: 'flow_ended', flow: at.flow, reason: 'left' });
    this.conversation = { ...this.conversation, at: null };
  }

  private resume(flowId: string, nodeId: string, vars: Record<string, Value>): void {
    const node = this.enterFlow(flowId, vars)?.nodes.find((n) => n.id === nodeId);
    if (!node) return this.lost(flowId, nodeId);
    this.follow(node, stepTypeOf(node).enter(node, this));
  }

  private answer(
    flowId: string,
    nodeId: string,
    vars: Record<string, Value>,
    answer: Answer,
  ): void {
    const node = this.enterFlow(flowId, vars)?.nodes.find((n) => n.id === nodeId);
    const type = node && stepTypeOf(node);
    if (!node || !type?.answer) return this.lost(flowId, nodeId);
    this.follow(node, type.answer(node, answer, this));
  }

  /** The open question no longer exists (content changed): apologise and show the menu. */
  private lost(flowId: string, nodeId: string): void {
    this.events.push({
      type: 'content_error',
      flow: flowId,
      node: nodeId,
      message: 'open question not found',
    });
    this.conversation = { ...this.conversation, at: null };
    this.reply(this.text('errors.flow_changed'));
    if (flowId !== this.program.fallbackFlow) this.startFlow(this.program.fallbackFlow, {});
  }

  private enterFlow(flowId: string, vars: Record<string, Value>): Flow | undefined {
    this.flow = this.program.flows[flowId];
    this.varsState = vars;
    return this.flow;
  }

  private startFlow(flowId: string, vars: Record<string, Value>): void {
    const flow = this.enterFlow(flowId, vars);
    if (!flow) {
      this.events.push({ type: 'content_error', flow: flowId, message: 'unknown flow' });
      this.reply(this.text('errors.broken_flow'));
      this.conversation = { ...this.conversation, at: null };
      return;
    }
    this.events.push({ type: 'flow_started', flow: flowId });
    const first = flow.start ? flow.nodes.find((n) => n.id === flow.start) : flow.nodes[0];
    if (first) this.visit(first);
  }

  private visit(node: FlowNode): void {
    this.steps += 1;
    if (this.steps > this.options.maxSteps) this.tripped ??= 'steps';
    if (this.tripped) return this.trip();
    this.follow(node, stepTypeOf(node).enter(node, this));
  }

  private follow(node: FlowNode, transition: Transition): void {
    if (this.tripped) return this.trip();
    const flow = this.flow;
    if (!flow) return;
    switch (transition.to) {
      case 'wait':
        return this.wait(flow.id, node.id);
      case 'end':
        return this.finish(flow.id, 'completed');
      case 'flow':
        this.finish(flow.id, 'completed');
        return this.startFlow(transition.flow, {});
      case 'next': {
        const target = transition.node
          ? flow.nodes.find((n) => n.id === transition.node)
          : flow.nodes[flow.nodes.indexOf(node) + 1];
        if (!target) return this.finish(flow.id, 'completed');
        return this.visit(target);
      }
    }
  }

  private wait(flowId: string, nodeId: string): void {
    const asked = this.conversation.asked + 1;
    this.conversation = {
      ...this.conversation,
      asked,
      at: { flow: flowId, node: nodeId, vars: this.varsState },
    };
    const question = this.replies.at(-1);
    if (question?.choices) question.ref = String(asked);
  }

  private finish(flowId: string, reason: 'completed' | 'error'): void {
    this.events.push({ type: 'flow_ended', flow: flowId, reason });
    this.conversation = { ...this.conversation, at: null };
  }

  private trip(): void {
    const limit = this.tripped ?? 'steps';
    this.tripped = undefined;
    this.events.push({ type: 'guard_tripped', limit });
    if (this.replies.length >= this.options.maxReplies)
      this.replies.length = this.options.maxReplies - 1;
    this.replies.push({ text: this.text('errors.broken_flow') });
    if (this.flow) this.finish(this.flow.id, 'error');
    this.flow = undefined;
  }

  result(): TurnResult {
    const conversation = { ...this.conversation, updatedAt: this.deps.now() };
    return {
      state: { conversation, profile: this.profileState },
      replies: this.replies,
      events: this.events,
      erased: this.erased,
    };
  }
}

/** A fresh state for a person we have not met. */
export function newTurnState(now: number): TurnState {
  return { conversation: emptyConversation(now), profile: {} };
}
