import { describe, expect, it } from 'vitest';
import { newTurnState, resolveLocale, step, type Program, type TurnState } from './engine';
import { flowSchema } from './flow';
import type { Inbound } from './message';
import type { Translate } from './text';

const t: Translate = (locale, key, params) =>
  `${locale}:${key}${params ? JSON.stringify(params) : ''}`;

function program(flows: unknown[], extra: Partial<Program> = {}): Program {
  const parsed = flows.map((f) => flowSchema.parse(f));
  return {
    flows: Object.fromEntries(parsed.map((f) => [f.id, f])),
    lists: {},
    commands: { start: parsed[0]!.id, menu: 'menu' },
    fallbackFlow: 'menu',
    t,
    ...extra,
  };
}

const menu = {
  id: 'menu',
  nodes: [
    {
      id: 'm',
      type: 'ask_choice',
      text: 'menu.prompt',
      choices: [{ id: 'x', label: 'x' }],
      save: 'item',
    },
  ],
};
const survey = {
  id: 'survey',
  nodes: [
    { id: 'q1', type: 'ask_number', text: 'q1', save: 'a' },
    { id: 'q2', type: 'ask_text', text: 'q2', save: 'b' },
  ],
};

let seq = 0;
function send(p: Program, state: TurnState, input: Partial<Inbound>) {
  seq += 1;
  const inbound: Inbound = {
    channel: 'webchat',
    userId: 'u',
    messageId: `m${seq}`,
    kind: 'text',
    receivedAt: seq,
    localeHint: 'en',
    ...input,
  };
  return step(p, state, inbound, { now: () => seq * 1000 });
}

describe('engine', () => {
  it('is deterministic: the same input gives the same output', () => {
    const p = program([survey, menu]);
    const state = newTurnState(0);
    const input: Inbound = {
      channel: 'webchat',
      userId: 'u',
      messageId: 'x',
      kind: 'start',
      receivedAt: 1,
    };
    expect(step(p, state, input, { now: () => 5 })).toEqual(
      step(p, state, input, { now: () => 5 }),
    );
  });

  it('does not mutate the state it is given', () => {
    const p = program([survey, menu]);
    const state = newTurnState(0);
    const frozen = structuredClone(state);
    send(p, state, { kind: 'start' });
    expect(state).toEqual(frozen);
  });

  it('keeps answers in the open position between turns', () => {
    const p = program([survey, menu]);
    const first = send(p, newTurnState(0), { kind: 'start' });
    const second = send(p, first.state, { text: '12' });
    expect(second.state.conversation.at).toEqual({ flow: 'survey', node: 'q2', vars: { a: 12 } });
    expect(second.replies.map((r) => r.text)).toEqual(['en:q2']);
  });

  it('answers free text outside any flow with a helpful reply and the menu', () => {
    const p = program([survey, menu]);
    const result = send(p, newTurnState(0), { text: '你好 👋 hello' });
    expect(result.replies.map((r) => r.text)).toEqual([
      'en:errors.unknown_input',
      'en:menu.prompt',
    ]);
    expect(result.events[0]).toEqual({ type: 'unknown_input' });
  });

  it('an unknown command keeps the open question and asks it again', () => {
    const p = program([survey, menu]);
    const open = send(p, newTurnState(0), { kind: 'start' }).state;
    const result = send(p, open, { kind: 'command', command: 'frobnicate' });
    expect(result.replies.map((r) => r.text)).toEqual([
      'en:errors.unknown_command{"command":"frobnicate"}',
      'en:q1',
    ]);
    expect(result.state.conversation.at?.node).toBe('q1');
  });

  it('a known command leaves the open flow and says so in events', () => {
    const p = program([survey, menu]);
    const open = send(p, newTurnState(0), { kind: 'start' }).state;
    const result = send(p, open, { kind: 'command', command: 'menu' });
    expect(result.events).toContainEqual({ type: 'flow_ended', flow: 'survey', reason: 'left' });
    expect(result.state.conversation.at?.flow).toBe('menu');
  });

  it('passes the /start payload to the flow as `args`', () => {
    const echo = {
      id: 'echo',
      nodes: [
        {
          id: 'b',
          type: 'branch',
          cases: [{ when: { var: 'args', op: 'eq', value: 'survey_x' }, next: 'yes' }],
          else: 'no',
        },
        { id: 'yes', type: 'end', text: 'got' },
        { id: 'no', type: 'end', text: 'none' },
      ],
    };
    const p = program([echo, menu]);
    expect(send(p, newTurnState(0), { kind: 'start', args: 'survey_x' }).replies[0]?.text).toBe(
      'en:got',
    );
    expect(send(p, newTurnState(0), { kind: 'start' }).replies[0]?.text).toBe('en:none');
  });

  it('ends a looping flow with an event and an apology (step guard)', () => {
    const loop = {
      id: 'loop',
      nodes: [
        { id: 'a', type: 'message', text: 'tick', next: 'b' },
        {
          id: 'b',
          type: 'branch',
          cases: [{ when: { var: 'never', op: 'exists' }, next: 'a' }],
          else: 'a',
        },
      ],
    };
    const p = program([loop, menu]);
    const result = step(
      p,
      newTurnState(0),
      { channel: 'webchat', userId: 'u', messageId: 'm', kind: 'start', receivedAt: 0 },
      { now: () => 0 },
      { maxSteps: 20, maxReplies: 50 },
    );
    expect(result.events).toContainEqual({ type: 'guard_tripped', limit: 'steps' });
    expect(result.replies.at(-1)?.text).toBe('zh-CN:errors.broken_flow');
    expect(result.state.conversation.at).toBeNull();
  });

  it('caps the replies of one turn (reply guard)', () => {
    const chatty = {
      id: 'chatty',
      nodes: Array.from({ length: 12 }, (_, i) => ({
        id: `m${i}`,
        type: 'message',
        text: `line${i}`,
      })),
    };
    const p = program([chatty, menu]);
    const result = step(
      p,
      newTurnState(0),
      {
        channel: 'webchat',
        userId: 'u',
        messageId: 'm',
        kind: 'start',
        receivedAt: 0,
        localeHint: 'en',
      },
      { now: () => 0 },
      { maxSteps: 100, maxReplies: 5 },
    );
    expect(result.replies).toHaveLength(5);
    expect(result.replies.at(-1)?.text).toBe('en:errors.broken_flow');
    expect(result.events).toContainEqual({ type: 'guard_tripped', limit: 'replies' });
  });

  it('recovers when the open question disappeared from content', () => {
    const p = program([survey, menu]);
    const stale: TurnState = {
      conversation: { at: { flow: 'survey', node: 'gone', vars: {} }, asked: 1, updatedAt: 0 },
      profile: {},
    };
    const result = send(p, stale, { text: 'hi' });
    expect(result.replies.map((r) => r.text)).toEqual(['en:errors.flow_changed', 'en:menu.prompt']);
    expect(result.events[0]).toMatchObject({ type: 'content_error', node: 'gone' });
  });

  it('reports an unknown flow as a content error, not a crash', () => {
    const p = program([
      { id: 'bad', nodes: [{ id: 'g', type: 'goto_flow', flow: 'nowhere' }] },
      menu,
    ]);
    const result = send(p, newTurnState(0), { kind: 'start' });
    expect(result.events).toContainEqual({
      type: 'content_error',
      flow: 'nowhere',
      message: 'unknown flow',
    });
    expect(result.replies.map((r) => r.text)).toEqual(['en:errors.broken_flow']);
  });

  it('a stop marks the person inactive and says nothing; the next message reactivates', () => {
    const p = program([survey, menu]);
    const stopped = send(p, newTurnState(0), { kind: 'stop' });
    expect(stopped.replies).toEqual([]);
    expect(stopped.state.profile.active).toBe(false);
    expect(send(p, stopped.state, { kind: 'start' }).state.profile.active).toBe(true);
  });
});

describe('resolveLocale', () => {
  it('prefers the profile, then the hint, then zh-CN', () => {
    expect(resolveLocale({ locale: 'en' }, 'zh-TW')).toBe('en');
    expect(resolveLocale({}, 'en-GB')).toBe('en');
    expect(resolveLocale({}, 'zh-Hans-CN,zh;q=0.9')).toBe('zh-CN');
    expect(resolveLocale({}, 'fr')).toBe('zh-CN');
    expect(resolveLocale({}, undefined)).toBe('zh-CN');
  });
});

describe('run_action', () => {
  it('reports an unknown action as a content error and ends the flow', () => {
    const p = program([
      {
        id: 'f',
        nodes: [
          { id: 'x', type: 'run_action', action: 'nope' },
          { id: 'after', type: 'end', text: 'never' },
        ],
      },
      menu,
    ]);
    const result = send(p, newTurnState(0), { kind: 'start' });
    expect(result.events).toContainEqual({
      type: 'content_error',
      flow: 'f',
      node: 'x',
      message: 'unknown action nope',
    });
    expect(result.replies).toEqual([]);
  });

  it('gives the action only the variables it names, and the person read-only', () => {
    let seen: unknown;
    const p = program(
      [
        {
          id: 'f',
          nodes: [
            { id: 'q', type: 'ask_text', text: 'q', save: 's' },
            { id: 'x', type: 'run_action', action: 'peek', input: { story: 's', gone: 'missing' } },
          ],
        },
        menu,
      ],
      {
        actions: {
          peek: (ctx) => (
            (seen = { input: ctx.input, locale: ctx.locale }),
            { replies: [], profile: { category: undefined, province: 'anhui' } }
          ),
        },
      },
    );
    const opened = send(
      p,
      { ...newTurnState(0), profile: { category: 'furniture', locale: 'en' } },
      { kind: 'start' },
    );
    const done = send(p, opened.state, { text: 'my story' });
    expect(seen).toEqual({ input: { story: 'my story' }, locale: 'en' });
    expect(done.state.profile.category).toBeUndefined();
    expect(done.state.profile.province).toBe('anhui');
  });
});

describe('question refs', () => {
  const yesNo = {
    id: 'yn',
    nodes: [
      { id: 'a', type: 'ask_yes_no', text: 'qa', save: 'a' },
      { id: 'b', type: 'ask_yes_no', text: 'qb', save: 'b' },
    ],
  };

  it('tags the open question and refuses a button of an answered one', () => {
    const p = program([yesNo, menu]);
    const first = send(p, newTurnState(0), { kind: 'start' });
    const refA = first.replies.at(-1)?.ref;
    expect(refA).toBe('1');
    const second = send(p, first.state, { kind: 'choice', choiceId: 'yes', ref: refA });
    expect(second.replies.at(-1)).toMatchObject({ text: 'en:qb', ref: '2' });
    // The same "yes" button of question a again: it must not answer question b.
    const stale = send(p, second.state, { kind: 'choice', choiceId: 'yes', ref: refA });
    expect(stale.events).toEqual([{ type: 'choice_stale', ref: '1' }]);
    expect(stale.replies.map((r) => r.text)).toEqual(['en:errors.choice_answered']);
    expect(stale.state.conversation.at).toEqual(second.state.conversation.at);
  });

  it('a re-ask after a wrong answer gets a new ref', () => {
    const p = program([yesNo, menu]);
    const first = send(p, newTurnState(0), { kind: 'start' });
    const wrong = send(p, first.state, { text: 'perhaps' });
    expect(wrong.replies.at(-1)?.ref).toBe('2');
  });

  it('resume marks the person active and says nothing', () => {
    const p = program([yesNo, menu]);
    const result = send(p, { ...newTurnState(0), profile: { active: false } }, { kind: 'resume' });
    expect(result.replies).toEqual([]);
    expect(result.state.profile.active).toBe(true);
  });
});

describe('keyword routing', () => {
  const shipping = {
    id: 'shipping',
    nodes: [{ id: 'q', type: 'ask_number', text: 'ship.q', save: 'cost' }],
  };
  const keywords = [{ flow: 'shipping', contains: ['运费', 'shipping'], exact: [] }];
  const p = program([survey, menu, shipping], { keywords });

  it('opens the flow a free text names, instead of "did not understand"', () => {
    const result = send(p, newTurnState(0), { text: '运费太贵了怎么办' });
    expect(result.replies.map((r) => r.text)).toEqual(['en:ship.q']);
    expect(result.events).toContainEqual({
      type: 'keyword_matched',
      flow: 'shipping',
      keyword: '运费',
    });
    expect(result.events).not.toContainEqual({ type: 'unknown_input' });
    expect(result.state.conversation.at).toMatchObject({ flow: 'shipping', node: 'q' });
  });

  it('falls back to the menu when no keyword matches', () => {
    const result = send(p, newTurnState(0), { text: 'what is the weather like?' });
    expect(result.replies.map((r) => r.text)).toEqual([
      'en:errors.unknown_input',
      'en:menu.prompt',
    ]);
  });

  it('also routes from the menu, where conversations rest', () => {
    const atMenu = send(p, newTurnState(0), { kind: 'command', command: 'menu' }).state;
    const result = send(p, atMenu, { text: 'Shipping costs too much' });
    expect(result.events).toContainEqual({ type: 'flow_ended', flow: 'menu', reason: 'left' });
    expect(result.state.conversation.at?.flow).toBe('shipping');
    // A menu choice still answers the menu.
    expect(send(p, atMenu, { text: '1' }).events).toContainEqual(
      expect.objectContaining({ type: 'answer_recorded', flow: 'menu', value: 'x' }),
    );
  });

  it('at the menu, a text that picks a menu item answers the menu even if it names a topic', () => {
    const greedy = program([survey, menu, shipping], {
      keywords: [{ flow: 'shipping', contains: ['x'], exact: [] }],
    });
    const atMenu = send(greedy, newTurnState(0), { kind: 'command', command: 'menu' }).state;
    const result = send(greedy, atMenu, { text: 'x' });
    expect(result.events).toContainEqual(
      expect.objectContaining({ type: 'answer_recorded', flow: 'menu', value: 'x' }),
    );
    expect(result.events).not.toContainEqual(expect.objectContaining({ type: 'keyword_matched' }));
  });

  it('leaves an open question of another flow alone: the text answers it', () => {
    const open = send(p, newTurnState(0), { kind: 'start' }).state;
    const result = send(p, open, { text: 'shipping' });
    expect(result.events).toContainEqual(
      expect.objectContaining({ type: 'input_rejected', flow: 'survey', reason: 'number_invalid' }),
    );
    expect(result.state.conversation.at?.flow).toBe('survey');
  });

  it('ignores button presses', () => {
    const result = send(p, newTurnState(0), { kind: 'choice', choiceId: 'shipping' });
    expect(result.events).not.toContainEqual(expect.objectContaining({ type: 'keyword_matched' }));
  });
});
