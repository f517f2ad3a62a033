import type { Action } from './action';
import { emptyConversation, type Conversation } from './conversation';
import type { EngineEvent } from './events';
import type { Flow } from './flow';
import type { KeywordRoute } from './keywords';
import { DEFAULT_LOCALE, type Locale, type Outbound } from './message';
import type { Profile } from './profile';
import type { StepRegistry } from './steps';
import type { SliceRegistry } from './slices';
import type { ListItem, ProgramExtensions } from './steps/types';
import type { Translate } from './text';

/**
 * Everything the engine interprets: flows, content lists, commands, the text catalogue,
 * and what the composition root registered (step types, actions, profile slices). Domains
 * add the data their steps read (see {@link ProgramExtensions}).
 */
export interface Program extends ProgramExtensions {
  flows: Readonly<Record<string, Flow>>;
  lists: Readonly<Record<string, readonly ListItem[]>>;
  /** Command name (without slash) to the flow it starts. `start` must be present. */
  commands: Readonly<Record<string, string>>;
  /** The flow offered after input that matches nothing (the main menu). */
  fallbackFlow: string;
  t: Translate;
  /** Pure domain actions flows may run by name (`run_action`). */
  actions?: Readonly<Record<string, Action>>;
  /**
   * Where free text goes that is no command, menu pick or answer (a question): started with
   * the text as `args` (as a command's argument). Absent: the fallback's "did not understand".
   */
  freeTextFlow?: string;
  /** Free text outside any flow that names a topic opens its flow, before the fallback. */
  keywords?: readonly KeywordRoute[];
  /** The step types the flows use, by name; the core's alone when absent. */
  steps?: StepRegistry;
  /** The domains' profile slices, by field (what erasing a person must also erase). */
  slices?: SliceRegistry;
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

/** Pick the language for a turn: the profile's, else the channel's hint, else zh-CN. */
export function resolveLocale(profile: Profile, hint: string | undefined): Locale {
  if (profile.locale) return profile.locale;
  const lower = (hint ?? '').toLowerCase();
  if (lower.startsWith('zh')) return 'zh-CN';
  if (lower.startsWith('en')) return 'en';
  return DEFAULT_LOCALE;
}

/** A fresh state for a person we have not met. */
export function newTurnState(now: number): TurnState {
  return { conversation: emptyConversation(now), profile: {} };
}
