import { describe, expect, it } from 'vitest';
import { commandInput, parseCommand, typedInput } from './inbound-text';

describe('parseCommand', () => {
  it('reads the name in lower case, drops a bot mention and keeps what followed', () => {
    expect(parseCommand('/start survey_x')).toEqual({ name: 'start', args: 'survey_x' });
    expect(parseCommand('/Help@village_bot')).toEqual({ name: 'help', args: undefined });
    expect(parseCommand('  /lang   en  ')).toEqual({ name: 'lang', args: 'en' });
    expect(parseCommand('/push 新课\n第二行')).toEqual({ name: 'push', args: '新课\n第二行' });
  });

  it('is not a command without a name after the slash', () => {
    expect(parseCommand('/')).toBeUndefined();
    expect(parseCommand('/123')).toBeUndefined();
    expect(parseCommand('a /start')).toBeUndefined();
    expect(parseCommand('/start-now')).toBeUndefined();
  });
});

describe('typedInput', () => {
  it('maps /start to start with its payload', () => {
    expect(typedInput('/start')).toStrictEqual({ kind: 'start', args: undefined });
    expect(typedInput('/start drip_x')).toStrictEqual({ kind: 'start', args: 'drip_x' });
    expect(typedInput('/START@bot a')).toStrictEqual({ kind: 'start', args: 'a' });
  });

  it('maps other slash commands to command with args', () => {
    expect(typedInput('/lang en')).toStrictEqual({ kind: 'command', command: 'lang', args: 'en' });
    expect(typedInput('/menu')).toStrictEqual({
      kind: 'command',
      command: 'menu',
      args: undefined,
    });
  });

  it('keeps anything else as text, exactly as given', () => {
    expect(typedInput('家具')).toStrictEqual({ kind: 'text', text: '家具' });
    expect(typedInput(' 2 ')).toStrictEqual({ kind: 'text', text: ' 2 ' });
    expect(typedInput('/123')).toStrictEqual({ kind: 'text', text: '/123' });
  });
});

describe('commandInput', () => {
  it('reads a command carried as data, and nothing else', () => {
    expect(commandInput('/start survey_x')).toStrictEqual({ kind: 'start', args: 'survey_x' });
    expect(commandInput('/courses')).toStrictEqual({
      kind: 'command',
      command: 'courses',
      args: undefined,
    });
    expect(commandInput('12|furniture')).toBeUndefined();
    expect(commandInput('/9|x')).toBeUndefined();
    expect(commandInput(' /start')).toBeUndefined();
  });
});
