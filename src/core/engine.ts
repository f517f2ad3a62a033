import type { Value } from './conditions';
import type { Position } from './conversation';
import type { Flow } from './flow';
import { matchKeyword } from './keywords';
import { dueToResume, leaveOpenFlow, setAside, takeUp } from './pause';
import type { Inbound } from './message';
import {
  DEFAULT_ENGINE_OPTIONS,
  type EngineDeps,
  type EngineOptions,
  type Program,
  type TurnResult,
  type TurnState,
} from './program';
import { CORE_STEPS, stepTypeOf, type FlowNode } from './steps';
import { matchOption } from './steps/ask-choice';
import type { Answer, Transition } from './steps/types';
import { TurnContext } from './turn-context';

export {
  DEFAULT_ENGINE_OPTIONS,
  newTurnState,
  resolveLocale,
  type EngineDeps,
  type EngineOptions,
  type Program,
  type TurnResult,
  type TurnState,
} from './program';

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

/** One turn's interpretation: commands, answers, keyword routes, walking the flow graph. */
class Turn extends TurnContext {
  run(inbound: Inbound): void {
    if (this.interpret(inbound)) this.resumePaused();
  }

  private stepTypeOf(node: FlowNode) {
    return stepTypeOf(this.program.steps ?? CORE_STEPS, node);
  }

  /** A flow an interruption set aside comes back once the interrupting flow is done. */
  private resumePaused(): boolean {
    const paused = this.erased ? null : dueToResume(this.conversation);
    if (!paused) return false;
    this.conversation = { ...this.conversation, paused: null };
    this.events.push({ type: 'flow_resumed', flow: paused.flow });
    this.resume(paused.flow, paused.node, paused.vars);
    return true;
  }

  /** Handle the inbound; false when it was no conversational turn (stop, resume, stale tap). */
  private interpret(inbound: Inbound): boolean {
    if (inbound.kind === 'stop') {
      this.profileState = { ...this.profileState, active: false };
      return false;
    }
    if (this.profileState.active === false) {
      this.profileState = { ...this.profileState, active: true };
    }
    if (inbound.kind === 'resume') return false;
    if (
      inbound.kind === 'choice' &&
      inbound.ref !== undefined &&
      !this.isOpenQuestion(inbound.ref)
    ) {
      // A button of a question already answered must not answer the open one.
      this.events.push({ type: 'choice_stale', ref: inbound.ref });
      this.reply(this.text('errors.choice_answered'));
      return false;
    }

    if (inbound.kind === 'start' || inbound.kind === 'command') {
      this.runCommand(inbound.kind === 'start' ? 'start' : (inbound.command ?? ''), inbound.args);
      return true;
    }
    const at = this.conversation.at;
    // Outside any flow, or at the menu (where most conversations rest) or an answer to a
    // free question, when the text picks no option, a message that names a topic opens its
    // flow; with a free-text flow, any other text is a question for it.
    const free = this.program.freeTextFlow;
    const atRest =
      (at?.flow === this.program.fallbackFlow || (free !== undefined && at?.flow === free)) &&
      !this.picksOption(at, inbound);
    if ((!at || atRest) && this.routeByKeyword(inbound)) return true;
    if ((!at || atRest) && free && inbound.kind === 'text' && (inbound.text ?? '').trim()) {
      this.leaveOpenFlow();
      this.startFlow(free, { args: inbound.text ?? '' });
      return true;
    }
    if (at) {
      this.answer(at.flow, at.node, at.vars, {
        text: inbound.text,
        choiceId: inbound.choiceId,
        ...(inbound.voice ? { voice: inbound.voice } : {}),
      });
      return true;
    }
    this.events.push({ type: 'unknown_input' });
    this.reply(this.text('errors.unknown_input'));
    this.startFlow(this.program.fallbackFlow, {});
    return true;
  }

  /** Whether the text picks an option of the open question (a number, a label, an id). */
  private picksOption(at: Position, inbound: Inbound): boolean {
    const node = this.program.flows[at.flow]?.nodes.find((n) => n.id === at.node);
    if (node?.type !== 'ask_choice') return false;
    const options = node.choices ?? this.list(node.source ?? '') ?? [];
    return matchOption(options, { text: inbound.text }, (l) => this.labels(l)) !== undefined;
  }

  private routeByKeyword(inbound: Inbound): boolean {
    if (inbound.kind !== 'text') return false;
    const routes = this.program.keywords ?? [];
    // With a free-text flow, only a bare topic word opens a flow at once: a sentence that
    // mentions one is a question, and the free-text flow offers the check instead.
    const routed = matchKeyword(
      this.program.freeTextFlow
        ? routes.map((r) => ({ flow: r.flow, exact: [...r.exact, ...r.contains], contains: [] }))
        : routes,
      inbound.text ?? '',
    );
    if (!routed) return false;
    this.leaveOpenFlow();
    this.events.push({ type: 'keyword_matched', ...routed });
    this.startFlow(routed.flow, {});
    return true;
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
    const left = leaveOpenFlow(this.conversation, this.program.flows);
    this.conversation = left.conversation;
    this.events.push(...left.events);
  }

  private resume(flowId: string, nodeId: string, vars: Record<string, Value>): void {
    const node = this.enterFlow(flowId, vars)?.nodes.find((n) => n.id === nodeId);
    if (!node) return this.lost(flowId, nodeId);
    this.follow(node, this.stepTypeOf(node).enter(node, this));
  }

  private answer(
    flowId: string,
    nodeId: string,
    vars: Record<string, Value>,
    answer: Answer,
  ): void {
    const node = this.enterFlow(flowId, vars)?.nodes.find((n) => n.id === nodeId);
    const type = node && this.stepTypeOf(node);
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

  private startFlow(flowId: string, given: Record<string, Value>): void {
    const { conversation, vars, resumed } = takeUp(this.conversation, flowId, given);
    this.conversation = conversation;
    if (resumed) this.events.push({ type: 'flow_resumed', flow: flowId });
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
    this.follow(node, this.stepTypeOf(node).enter(node, this));
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
        // A flow done and heading back to the menu returns to what it interrupted instead.
        if (transition.flow === this.program.fallbackFlow && this.resumePaused()) return;
        return this.startFlow(transition.flow, transition.vars ?? {});
      case 'pause': {
        const paused = { flow: flow.id, node: node.id, vars: this.varsState, auto: false };
        const aside = setAside(this.conversation, paused);
        this.conversation = aside.conversation;
        this.events.push(...aside.events);
        return;
      }
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
}
