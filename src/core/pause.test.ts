import { describe, expect, it } from 'vitest';
import { newTurnState, step, type Program, type TurnState } from './engine';
import { flowSchema } from './flow';
import type { Inbound } from './message';
import type { Translate } from './text';

const t: Translate = (locale, key, params) =>
  `${locale}:${key}${params ? JSON.stringify(params) : ''}`;

const long = {
  id: 'long',
  resumable: true,
  nodes: [
    { id: 'q1', type: 'ask_number', text: 'q1', save: 'a' },
    { id: 'q2', type: 'ask_number', text: 'q2', save: 'b' },
    { id: 'done', type: 'end', text: 'done' },
  ],
};
const plain = { ...long, id: 'plain', resumable: undefined };
const long2 = { ...long, id: 'long2' };
const help = {
  id: 'help',
  nodes: [
    { id: 'h', type: 'message', text: 'help' },
    { id: 'm', type: 'goto_flow', flow: 'menu' },
  ],
};
const info = { id: 'info', nodes: [{ id: 'i', type: 'end', text: 'info' }] };
const menu = {
  id: 'menu',
  nodes: [
    {
      id: 'm',
      type: 'ask_choice',
      text: 'menu',
      choices: [
        { id: 'info', label: 'info' },
        { id: 'long', label: 'long' },
      ],
      save: 'item',
    },
    { id: 'go', type: 'goto_flow', from: 'item' },
  ],
};
const deep = {
  id: 'deep',
  nodes: [
    {
      id: 'b',
      type: 'branch',
      cases: [{ when: { var: 'args', op: 'starts_with', value: 'x_' }, next: 'go' }],
      else: 'no',
    },
    { id: 'no', type: 'end', text: 'no' },
    { id: 'go', type: 'goto_flow', flow: 'echo', with: { args: 'args' } },
  ],
};
const echo = {
  id: 'echo',
  nodes: [
    {
      id: 'b',
      type: 'branch',
      cases: [{ when: { var: 'args', op: 'eq', value: 'x_1' }, next: 'yes' }],
      else: 'no',
    },
    { id: 'yes', type: 'end', text: 'passed' },
    { id: 'no', type: 'end', text: 'lost' },
  ],
};

const flows = [long, long2, plain, help, info, menu, deep, echo].map((f) => flowSchema.parse(f));
const program: Program = {
  flows: Object.fromEntries(flows.map((f) => [f.id, f])),
  lists: {},
  commands: Object.fromEntries(flows.map((f) => [f.id, f.id])),
  fallbackFlow: 'menu',
  t,
};

let seq = 0;
function send(state: TurnState, input: Partial<Inbound>) {
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
  return step(program, state, inbound, { now: () => seq * 1000 });
}
const command = (state: TurnState, name: string, args?: string) =>
  send(state, { kind: 'command', command: name, ...(args ? { args } : {}) });
const texts = (r: { replies: { text: string }[] }) => r.replies.map((x) => x.text);

/** Start `long` and answer its first question. */
function atQ2(): TurnState {
  const started = command(newTurnState(0), 'long').state;
  return send(started, { text: '7' }).state;
}

describe('resumable flows', () => {
  it('come back where they stopped once the interrupting command is done', () => {
    const result = command(atQ2(), 'info');
    expect(texts(result)).toEqual(['en:info', 'en:q2']);
    expect(result.events).toContainEqual({ type: 'flow_paused', flow: 'long', auto: true });
    expect(result.events).toContainEqual({ type: 'flow_resumed', flow: 'long' });
    expect(result.state.conversation.at).toMatchObject({
      flow: 'long',
      node: 'q2',
      vars: { a: 7 },
    });
    expect(result.state.conversation.paused).toBeNull();
    const finished = send(result.state, { text: '8' });
    expect(texts(finished)).toEqual(['en:done']);
  });

  it('come back instead of the menu when the interrupting flow heads there', () => {
    const result = command(atQ2(), 'help');
    expect(texts(result)).toEqual(['en:help', 'en:q2']);
    expect(result.state.conversation.at?.flow).toBe('long');
  });

  it('wait at an explicit menu, and come back after the flow picked there is done', () => {
    const atMenu = command(atQ2(), 'menu');
    expect(texts(atMenu)).toEqual(['en:menu']);
    expect(atMenu.state.conversation.paused).toMatchObject({
      flow: 'long',
      node: 'q2',
      auto: true,
    });
    const picked = send(atMenu.state, {
      choiceId: 'info',
      ref: String(atMenu.state.conversation.asked),
    });
    expect(texts(picked)).toEqual(['en:info', 'en:q2']);
  });

  it('continue with their variables when started again, the new args on top', () => {
    const atMenu = command(atQ2(), 'menu');
    const again = command(atMenu.state, 'long', 'extra');
    expect(again.events).toContainEqual({ type: 'flow_resumed', flow: 'long' });
    // Started again from its first node, but with what was answered before.
    expect(again.state.conversation.at).toMatchObject({ vars: { a: 7, args: 'extra' } });
  });

  it('other flows end when left, as before', () => {
    const open = send(command(newTurnState(0), 'plain').state, { text: '7' }).state;
    const result = command(open, 'info');
    expect(texts(result)).toEqual(['en:info']);
    expect(result.events).toContainEqual({ type: 'flow_ended', flow: 'plain', reason: 'left' });
    expect(result.state.conversation.paused ?? null).toBeNull();
  });

  it('keep one flow aside at most: a second interruption drops the first', () => {
    const inSecond = command(atQ2(), 'long2').state;
    expect(inSecond.conversation.paused).toMatchObject({ flow: 'long', node: 'q2' });
    const result = command(inSecond, 'menu');
    expect(result.events).toContainEqual({ type: 'flow_ended', flow: 'long', reason: 'left' });
    expect(result.state.conversation.paused).toMatchObject({ flow: 'long2', node: 'q1' });
  });

  it('a stale button or a blocked bot does not bring anything back', () => {
    const atMenu = command(atQ2(), 'menu').state;
    const stale = send(atMenu, { kind: 'choice', choiceId: 'info', ref: '1' });
    expect(stale.state.conversation.paused).not.toBeNull();
    const stopped = send(atMenu, { kind: 'stop' });
    expect(stopped.replies).toEqual([]);
  });
});

describe('goto_flow with, and starts_with', () => {
  it('hands a variable to the flow it starts', () => {
    expect(texts(send(newTurnState(0), { kind: 'command', command: 'deep', args: 'x_1' }))).toEqual(
      ['en:passed'],
    );
    expect(texts(send(newTurnState(0), { kind: 'command', command: 'deep', args: 'y' }))).toEqual([
      'en:no',
    ]);
  });
});
