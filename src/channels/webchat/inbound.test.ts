import { describe, expect, it } from 'vitest';
import { toInbound } from './inbound';

const at = (text: string) => toInbound({ text }, 'u', 'm', 0);

describe('toInbound', () => {
  it('maps /start with a deep-link payload', () => {
    expect(at('/start survey_farm2026')).toMatchObject({ kind: 'start', args: 'survey_farm2026' });
    expect(at('/start')).toMatchObject({ kind: 'start', args: undefined });
  });
  it('maps commands case-insensitively and strips a bot mention', () => {
    expect(at('/LANG')).toMatchObject({ kind: 'command', command: 'lang' });
    expect(at('/help@village_bot')).toMatchObject({ kind: 'command', command: 'help' });
    expect(at('/survey  abc ')).toMatchObject({ kind: 'command', command: 'survey', args: 'abc' });
  });
  it('treats other text as text, trimmed', () => {
    expect(at('  / not a command')).toMatchObject({ kind: 'text', text: '/ not a command' });
    expect(at(' 你好 ')).toMatchObject({ kind: 'text', text: '你好' });
  });
  it('prefers a choice over text', () => {
    expect(toInbound({ text: 'x', choiceId: 'en' }, 'u', 'm', 0)).toMatchObject({
      kind: 'choice',
      choiceId: 'en',
    });
  });
});
