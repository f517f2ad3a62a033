import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { newTurnState, step, type Program, type TurnState } from '../src/core/engine';
import type { EngineEvent } from '../src/core/events';
import type { Inbound, Outbound } from '../src/core/message';
import type { Translate } from '../src/core/text';
import { flowSchema, PROFILE_SLICES, STEPS } from '../src/domains';
import type { SurveyCatalog } from '../src/surveys/catalog';
import { surveySchema } from '../src/surveys/schema';

// Every registered step type (the core's and the domains'), each with a fixture here.
const dir = join(import.meta.dirname, 'fixtures/steps');
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));

interface Fixture {
  flow: { nodes: unknown[] };
  extraFlows?: unknown[];
  lists?: Program['lists'];
  /** Survey definitions the `survey` step can run (all open). */
  surveys?: unknown[];
  turns: {
    send: { command?: string; args?: string; text?: string; choice?: string };
    replies?: string[];
    events?: Partial<EngineEvent>[];
    waiting?: string | null;
    locale?: string;
    profile?: Record<string, unknown>;
    erased?: boolean;
  }[];
}

// Keys come back as themselves, so fixtures read as the flow's own text ids.
const t: Translate = (_locale, key, params) => (params ? `${key} ${JSON.stringify(params)}` : key);

function show(reply: Outbound): string {
  const choices = reply.choices
    ? ` [${reply.choices.map((c) => `${c.id}=${c.label}`).join('|')}]`
    : '';
  return `${reply.text}${choices}`;
}

function inbound(send: Fixture['turns'][number]['send'], n: number): Inbound {
  const base = {
    channel: 'webchat' as const,
    userId: 'u',
    messageId: `m${n}`,
    receivedAt: n,
    localeHint: 'en',
  };
  if (send.command === 'start') return { ...base, kind: 'start', args: send.args };
  if (send.command) return { ...base, kind: 'command', command: send.command, args: send.args };
  if (send.choice !== undefined) return { ...base, kind: 'choice', choiceId: send.choice };
  return { ...base, kind: 'text', text: send.text ?? '' };
}

/** Expect `expected` to appear in `actual` in order (other events may sit between). */
function expectSubsequence(actual: EngineEvent[], expected: Partial<EngineEvent>[]): void {
  let from = 0;
  for (const want of expected) {
    const at = actual.findIndex(
      (e, i) =>
        i >= from &&
        Object.entries(want).every(([k, v]) => (e as Record<string, unknown>)[k] === v),
    );
    expect(at, `event ${JSON.stringify(want)} in ${JSON.stringify(actual)}`).toBeGreaterThanOrEqual(
      0,
    );
    from = at + 1;
  }
}

/** Survey definitions as an open catalogue, validated like content. */
function catalogOf(surveys: unknown[]): SurveyCatalog {
  return Object.fromEntries(
    surveys.map((raw) => {
      const survey = surveySchema.parse(raw);
      const entry = { id: survey.id, current: survey.version, status: 'open' as const };
      return [survey.id, { ...entry, versions: { [String(survey.version)]: survey } }];
    }),
  );
}

describe('step types', () => {
  it('every registered step type has a fixture', () => {
    const covered = new Set(files.map((f) => f.replace(/\.yaml$/, '').replace(/-/g, '_')));
    expect([...STEPS.keys()].filter((type) => !covered.has(type))).toEqual([]);
  });

  for (const file of files) {
    it(`fixture ${file}`, () => {
      const fixture = parse(readFileSync(join(dir, file), 'utf8')) as Fixture;
      const main = flowSchema.parse({ id: 'f', ...fixture.flow });
      const extra = (fixture.extraFlows ?? []).map((f) => flowSchema.parse(f));
      const program: Program = {
        flows: Object.fromEntries([main, ...extra].map((f) => [f.id, f])),
        lists: fixture.lists ?? {},
        commands: { start: 'f', ...Object.fromEntries(extra.map((f) => [f.id, f.id])) },
        surveys: catalogOf(fixture.surveys ?? []),
        fallbackFlow: 'f',
        t,
        steps: STEPS,
        slices: PROFILE_SLICES,
        actions: {
          sum: ({ input }) => {
            const total = Number(input.x) + Number(input.y);
            return {
              replies: [{ text: `sum=${total}` }],
              value: total,
              profile: { province: 'summed' },
            };
          },
        },
      };
      let state: TurnState = newTurnState(0);
      fixture.turns.forEach((turn, n) => {
        const result = step(program, state, inbound(turn.send, n), { now: () => 1000 + n });
        const where = `${file} turn ${n + 1}`;
        if (turn.replies) expect(result.replies.map(show), where).toEqual(turn.replies);
        if (turn.events) expectSubsequence(result.events, turn.events);
        if (turn.waiting !== undefined)
          expect(result.state.conversation.at?.node ?? null, where).toBe(turn.waiting);
        if (turn.locale) expect(result.state.profile.locale, where).toBe(turn.locale);
        if (turn.erased !== undefined) expect(result.erased, where).toBe(turn.erased);
        if (turn.profile) {
          const { createdAt: _c, updatedAt: _u, ...profile } = result.state.profile;
          expect(profile, where).toEqual(turn.profile);
        }
        state = result.state;
      });
    });
  }
});
