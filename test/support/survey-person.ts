import { buildProgram } from '../../src/compose';
import { content } from '../../src/content';
import { newTurnState, step, type TurnResult, type TurnState } from '../../src/core/engine';
import type { EngineEvent } from '../../src/core/events';
import type { Inbound } from '../../src/core/message';
import type { SurveyCatalog, SurveyEntry } from '../../src/surveys/catalog';
import { surveySchema, type SurveyDefinition, type SurveyInput } from '../../src/surveys/schema';

/** A catalogue entry for a definition (open unless told otherwise). */
export function entryOf(
  raw: SurveyInput | SurveyDefinition,
  status: SurveyEntry['status'] = 'open',
): SurveyEntry {
  const survey = surveySchema.parse(raw);
  return {
    id: survey.id,
    current: survey.version,
    status,
    versions: { [String(survey.version)]: survey },
  };
}

/** The content survey and any others, as the turns would see them. */
export function catalogWith(...entries: SurveyEntry[]): SurveyCatalog {
  const base = Object.fromEntries(content.surveys.map((s) => [s.id, entryOf(s)]));
  return { ...base, ...Object.fromEntries(entries.map((e) => [e.id, e])) };
}

/** What a test sends: typed text, a command, or a tap on the open question's button. */
export type Say = string | { tap: string } | { command: string; args?: string };

/**
 * A person talking to the real content program through the pure engine, one turn at a
 * time, with a survey catalogue the test controls. Records the events of every turn.
 */
export class Person {
  state: TurnState = newTurnState(0);
  last: TurnResult | undefined;
  readonly events: EngineEvent[] = [];
  private n = 0;

  constructor(
    public catalog: SurveyCatalog = catalogWith(),
    private readonly localeHint = 'en',
    public now = Date.UTC(2026, 0, 1),
  ) {}

  say(input: Say): TurnResult {
    this.n += 1;
    const base = {
      channel: 'telegram' as const,
      userId: 'p1',
      messageId: `m${this.n}`,
      receivedAt: this.now,
      localeHint: this.localeHint,
    };
    const inbound: Inbound =
      typeof input === 'string'
        ? input.startsWith('/')
          ? {
              ...base,
              kind: 'command',
              command: input.slice(1).split(' ')[0]!,
              args: input.split(' ').slice(1).join(' ') || undefined,
            }
          : { ...base, kind: 'text', text: input }
        : 'tap' in input
          ? {
              ...base,
              kind: 'choice',
              choiceId: input.tap,
              ref: String(this.state.conversation.asked),
            }
          : {
              ...base,
              kind: input.command === 'start' ? 'start' : 'command',
              command: input.command,
              args: input.args,
            };
    const program = { ...buildProgram(), surveys: this.catalog };
    this.last = step(program, this.state, inbound, { now: () => this.now });
    this.state = this.last.state;
    this.events.push(...this.last.events);
    return this.last;
  }

  /** The texts of the last turn's replies. */
  texts(): string[] {
    return (this.last?.replies ?? []).map((r) => r.text);
  }

  /** The button labels of the last reply. */
  buttons(): string[] {
    return (this.last?.replies.at(-1)?.choices ?? []).map((c) => c.label);
  }

  /** The last record written for a survey table this turn (undefined: none, null: deleted). */
  record(table: string): Record<string, unknown> | null | undefined {
    const sets = (this.last?.events ?? []).filter(
      (e): e is Extract<EngineEvent, { type: 'record_set' }> =>
        e.type === 'record_set' && e.table === table,
    );
    return sets.at(-1)?.value;
  }

  /** Counter moves this turn, by counter. */
  counted(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const e of this.last?.events ?? [])
      if (e.type === 'counted') out[e.counter] = (out[e.counter] ?? 0) + e.by;
    return out;
  }
}
