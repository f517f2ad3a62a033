import { describe, expect, it } from 'vitest';
import { keysOnly, re } from '../../../test/support/copy';
import { choiceHint, plainText, renderWechat, WECHAT_TEXT_LIMIT_BYTES } from './render';

// The hint for three choices, as the keys and parameters choiceHint picks (keysOnly).
const HINT_3 = '{wechat.reply_pick first=1{wechat.list_separator}2 last=3}';
const bytes = (s: string) => new TextEncoder().encode(s).length;
const choices = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: `c${i}`, label: `选项${i + 1}` }));

describe('plainText', () => {
  it('drops bold markers and writes links as label and bare URL', () => {
    expect(
      plainText('**注意**：看 [指南](https://x.cn/a?b=1) 或 [https://y.cn](https://y.cn)'),
    ).toBe('注意：看 指南 https://x.cn/a?b=1 或 https://y.cn');
    expect(plainText('[x](javascript:alert(1)) a*b')).toBe('[x](javascript:alert(1)) a*b');
  });
});

describe('choiceHint', () => {
  it('says which numbers to reply with, in the person’s language', () => {
    expect(choiceHint(1, 'zh-CN', keysOnly)).toBe('{wechat.reply_one}');
    expect(choiceHint(2, 'zh-CN', keysOnly)).toBe('{wechat.reply_pick first=1 last=2}');
    expect(choiceHint(3, 'zh-CN', keysOnly)).toBe(HINT_3);
    expect(choiceHint(3, 'en', keysOnly)).toBe(HINT_3);
    expect(choiceHint(32, 'zh-CN', keysOnly)).toBe('{wechat.reply_range max=32}');
  });
});

describe('renderWechat', () => {
  it('puts every reply in one message with numbered choices', () => {
    expect(
      renderWechat(
        [{ text: '您好！' }, { text: '请选择语言：', choices: choices(2), ref: '1' }],
        'zh-CN',
        keysOnly,
      ),
    ).toEqual(['您好！\n\n请选择语言：\n1. 选项1\n2. 选项2\n{wechat.reply_pick first=1 last=2}']);
  });
  it('renders nothing for no replies', () => {
    expect(renderWechat([], 'zh-CN', keysOnly)).toEqual([]);
  });
  it('splits long text under the byte limit on paragraph boundaries, never inside a character', () => {
    const text = Array<string>(5).fill('乡村网店'.repeat(100)).join('\n\n'); // 1200-byte paragraphs
    const parts = renderWechat([{ text, choices: choices(3) }], 'zh-CN', keysOnly);
    expect(parts.length).toBeGreaterThan(2);
    for (const part of parts) {
      expect(bytes(part)).toBeLessThanOrEqual(WECHAT_TEXT_LIMIT_BYTES);
      expect(part).not.toContain('\uFFFD');
    }
    expect(parts.at(-1)).toMatch(re`${HINT_3}$`);
    expect(parts.length).toBe(5);
    const squeeze = (s: string) => s.replace(/\s/g, '');
    expect(squeeze(parts.join(''))).toBe(squeeze(`${text}1.选项12.选项23.选项3${HINT_3}`));
  });
});
