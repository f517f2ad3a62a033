import type { Value } from './conditions';
import type { Conversation } from './conversation';
import type { EngineEvent } from './events';
import type { Flow } from './flow';
import {
  LOCALES,
  type ChannelName,
  type Choice,
  type Inbound,
  type Locale,
  type Outbound,
} from './message';
import type { Profile } from './profile';
import { erasureEvents } from './slices';
import {
  resolveLocale,
  type EngineDeps,
  type EngineOptions,
  type Program,
  type TurnResult,
  type TurnState,
} from './program';
import type { ListItem, StepContext } from './steps/types';
import { resolveText, type Text, type TextParams, type Translate } from './text';

/** Labels of i18n keys in every language, per catalogue (see {@link TurnContext.labels}). */
const labelCache = new WeakMap<Translate, Map<string, string[]>>();

/**
 * The state a turn builds up and the {@link StepContext} that steps act through: replies,
 * events, variables and profile changes. The engine (./engine.ts) drives it.
 */
export class TurnContext implements StepContext {
  protected profileState: Profile;
  protected conversation: Conversation;
  protected readonly replies: Outbound[] = [];
  protected readonly events: EngineEvent[] = [];
  protected erased = false;
  protected steps = 0;
  protected flow: Flow | undefined;
  protected varsState: Record<string, Value> = {};
  protected tripped: 'steps' | 'replies' | undefined;

  constructor(
    readonly program: Program,
    state: TurnState,
    protected readonly inbound: Inbound,
    protected readonly deps: EngineDeps,
    protected readonly options: EngineOptions,
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
  get channel(): ChannelName {
    return this.inbound.channel;
  }
  now(): number {
    return this.deps.now();
  }
  text(text: Text, params?: TextParams): string {
    return resolveText(text, this.locale, this.program.t, params);
  }
  labels(text: Text): string[] {
    if (typeof text !== 'string') return LOCALES.map((locale) => text[locale]);
    // A key's words in every language never change for a catalogue: look them up once.
    let cache = labelCache.get(this.program.t);
    if (!cache) labelCache.set(this.program.t, (cache = new Map()));
    let labels = cache.get(text);
    if (!labels)
      cache.set(text, (labels = LOCALES.map((l) => resolveText(text, l, this.program.t))));
    return labels;
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
  setProfile(field: string, value: Value): void {
    const now = this.deps.now();
    const { [field]: _old, ...others } = this.profileState as Record<string, unknown>;
    this.profileState = {
      ...(others as Profile),
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
      roles: this.inbound.roles ?? [],
    });
    for (const reply of result.replies) this.reply(reply.text, reply.choices);
    if (result.profile) this.patchProfile(result.profile);
    this.events.push(...(result.events ?? []));
    return result.value ?? null;
  }
  patchProfile(patch: Partial<Profile>): void {
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
    // Some slices keep records apart from the profile (surveys, under a pseudonym): erase them too.
    this.events.push(...erasureEvents(this.program.slices ?? {}, this.profileState));
    // Keep only the language, so the goodbye is understood; the shell deletes the rest.
    this.profileState = this.profileState.locale ? { locale: this.profileState.locale } : {};
    this.erased = true;
    this.events.push({ type: 'user_erased' });
  }

  // --- the turn ------------------------------------------------------------------

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
