import type { z } from 'zod';
import type { Value } from '../conditions';
import type { EngineEvent } from '../events';
import type { ChannelName, Choice, Locale, VoiceInput } from '../message';
import type { Profile } from '../profile';
import type { Text, TextParams } from '../text';

/**
 * What domains add to the program for their steps (the surveys a turn can run), empty
 * here and filled in by module augmentation beside the domain's step, e.g.
 * `declare module '../core/steps/types' { interface ProgramExtensions { surveys?: SurveyCatalog } }`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ProgramExtensions {}

/** What a person answered to a waiting question. */
export interface Answer {
  text?: string;
  choiceId?: string;
  /** A voice message kept by the shell (see `VoiceInput`). */
  voice?: VoiceInput;
}

/**
 * Where the interpreter goes after a node. `flow` may hand variables to the flow it
 * starts; `pause` sets a resumable flow aside until the person starts it again.
 */
export type Transition =
  | { to: 'next'; node?: string }
  | { to: 'wait' }
  | { to: 'flow'; flow: string; vars?: Record<string, Value> }
  | { to: 'pause' }
  | { to: 'end' };

/** What a step may do during a turn; the engine implements it. */
export interface StepContext {
  readonly locale: Locale;
  readonly vars: Readonly<Record<string, Value>>;
  readonly profile: Readonly<Profile>;
  readonly flowId: string;
  /** The channel the message came on (kept with survey responses, as the survey mode). */
  readonly channel: ChannelName;
  /** What domains added to the program for their steps (see {@link ProgramExtensions}). */
  readonly program: Readonly<ProgramExtensions>;
  /** The turn's clock (`deps.now`). */
  now(): number;
  text(text: Text, params?: TextParams): string;
  /** The text in every language, for matching what a person typed. */
  labels(text: Text): string[];
  reply(text: string, choices?: Choice[]): void;
  setVar(name: string, value: Value): void;
  /** Set a field a flow may set (`set_profile` checked it when content was built). */
  setProfile(field: string, value: Value): void;
  /** Change profile fields a step owns (a survey's statuses); `undefined` removes one. */
  patchProfile(patch: Partial<Profile>): void;
  /** Items of a content list (`categories`, `menu`, ...), or undefined when unknown. */
  list(name: string): readonly ListItem[] | undefined;
  emit(event: EngineEvent): void;
  /** Forget everything about the person at the end of this turn. */
  eraseUser(): void;
  /**
   * Run a named action: its replies are shown, its profile changes applied; returns its
   * value (null when it has none), or undefined when no such action exists.
   */
  runAction(name: string, input: Record<string, Value>): Value | undefined;
}

/** One item of a content list offered as a choice. */
export interface ListItem {
  id: string;
  label: Text;
  /** Other ways people write it (`浙江省`, `Zhejiang Province`), matched when typed. */
  aliases?: string[];
}

/** References a node makes, checked when content is built. */
export interface NodeRefs {
  /** Node ids this node may jump to. */
  nodes: string[];
  /** Variables this node reads. */
  reads: string[];
  /** The variable this node writes, if any. */
  writes?: string;
  /** Flows this node may start. */
  flows: string[];
  /** Content lists this node reads. */
  lists: string[];
  /** i18n keys this node uses. */
  texts: Text[];
  /** Actions this node runs. */
  actions?: string[];
}

/** A step type: its schema, what happens on arrival, and (for questions) on an answer. */
export interface StepType<N extends { id: string; type: string }> {
  readonly type: N['type'];
  readonly schema: z.ZodType<N>;
  enter(node: N, ctx: StepContext): Transition;
  answer?(node: N, answer: Answer, ctx: StepContext): Transition;
  refs(node: N): NodeRefs;
}

/** Refs with nothing in them, to spread from. */
export function noRefs(): NodeRefs {
  return { nodes: [], reads: [], flows: [], lists: [], texts: [] };
}
