import type { EngineEvent } from '../core/events';
import type { Inbound, Locale, Outbound } from '../core/message';

/**
 * What a channel's shell adds around a turn: the roles it vouches for (from
 * configuration, never from what the person sent), and the work a turn asked for that
 * must wait until the turn is stored (creating a broadcast job), with replies to add.
 */
export interface TurnHooks {
  roles(inbound: Inbound): readonly string[];
  afterCommit(
    inbound: Inbound,
    events: readonly EngineEvent[],
    locale: Locale,
  ): Promise<Outbound[]>;
}

/** The inbound with the roles the hooks vouch for (unchanged when there are none). */
export function withRoles(hooks: TurnHooks | undefined, inbound: Inbound): Inbound {
  const roles = hooks?.roles(inbound) ?? [];
  return roles.length > 0 ? { ...inbound, roles } : inbound;
}
