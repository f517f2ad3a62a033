import { describe, expect, it } from 'vitest';
import { copy, copyPattern, keysOnly, re } from './copy';

describe('copy', () => {
  it('gives the text of a key in a locale, with interpolation', () => {
    expect(copy('common.yes', 'en')).toBe('Yes');
    expect(copy('wechat.reply_pick', 'en', { first: 1, last: 2 })).toBe('Reply 1 or 2');
  });

  it('throws on a key the catalogue lacks', () => {
    expect(() => copy('no.such.key', 'en')).toThrow(/no\.such\.key/);
  });
});

describe('re and copyPattern', () => {
  it('match interpolated text literally and the written parts as a pattern', () => {
    const pattern = re`^${'a.b (c)?'}\n\d+$`;
    expect('a.b (c)?\n42').toMatch(pattern);
    expect('axb (c)?\n42').not.toMatch(pattern);
    expect('a.b c\n42').not.toMatch(pattern);
  });

  it('let a RegExp parameter stand for a value the test does not pin down', () => {
    const range = re`^${copyPattern('wechat.reply_range', 'en', { max: /\d+/ })}$`;
    expect(copy('wechat.reply_range', 'en', { max: 34 })).toMatch(range);
    expect(copy('wechat.reply_range', 'en', { max: 'x' })).not.toMatch(range);
  });
});

describe('keysOnly', () => {
  it('writes the key and its parameters instead of copy', () => {
    expect(keysOnly('en', 'common.yes')).toBe('{common.yes}');
    expect(keysOnly('zh-CN', 'plan.why', { text: keysOnly('zh-CN', 'a.b', { n: 1 }) })).toBe(
      '{plan.why text={a.b n=1}}',
    );
  });
});
