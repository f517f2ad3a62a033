import type { Value } from './conditions';
import type { EngineEvent } from './events';
import type { Locale, Outbound } from './message';
import type { Profile } from './profile';
import type { Translate } from './text';

/** What an action sees: its input (from flow variables) and the person, read-only. */
export interface ActionContext {
  input: Readonly<Record<string, Value>>;
  locale: Locale;
  profile: Readonly<Profile>;
  t: Translate;
  now: number;
  /** What the shell vouches for about the sender (see `Inbound.roles`); empty for most. */
  roles: readonly string[];
}

/** What an action produced. */
export interface ActionResult {
  replies: Outbound[];
  /** Saved in the node's `save` variable, so the flow can branch on it. */
  value?: Value;
  /** Fields to change on the profile (`undefined` removes a field). */
  profile?: Partial<Profile>;
  events?: EngineEvent[];
}

/**
 * A named, pure piece of domain logic a flow can run (an advice check, a plan step). It
 * must not do I/O: it gets its data through the context and returns what to say and keep.
 */
export type Action = (ctx: ActionContext) => ActionResult;

/**
 * Builds an action over the data it reads (the content bundle: benchmarks, thresholds,
 * lists). Domains export theirs by name; the composition root registers them.
 */
export type ActionFactory<Content> = (content: Content) => Action;

/**
 * The actions bound to their data, as the engine runs them (`Program.actions`).
 *
 * @example const actions = bindActions(ACTIONS, content);
 */
export function bindActions<Content>(
  factories: Readonly<Record<string, ActionFactory<Content>>>,
  content: Content,
): Readonly<Record<string, Action>> {
  return Object.fromEntries(
    Object.entries(factories).map(([name, build]) => [name, build(content)]),
  );
}
