import { describe, expect, it } from 'vitest';
import {
  callbackData,
  keyboard,
  parseCallbackData,
  renderTelegram,
  toTelegramHtml,
} from './render';

describe('toTelegramHtml', () => {
  it('escapes everything but the tiny markup', () => {
    expect(toTelegramHtml('a < b & **c > d** [site](https://x.cn/?a=1&b="2")')).toBe(
      'a &lt; b &amp; <b>c &gt; d</b> <a href="https://x.cn/?a=1&amp;b=&quot;2&quot;">site</a>',
    );
  });
  it('leaves non-http links as text', () => {
    expect(toTelegramHtml('[x](javascript:alert(1))')).toBe('[x](javascript:alert(1))');
  });
});

describe('callback data', () => {
  it('round-trips ref and choice id', () => {
    expect(parseCallbackData(callbackData('17', 'zh-CN'))).toEqual({
      ref: '17',
      choiceId: 'zh-CN',
    });
    expect(parseCallbackData('furniture')).toEqual({ choiceId: 'furniture' });
  });
  it('refuses data over 64 bytes rather than letting Telegram reject the message', () => {
    expect(() => callbackData('1234567890', 'x'.repeat(60))).toThrow(RangeError);
  });
});

describe('keyboard', () => {
  const choices = (labels: string[]) => labels.map((label, i) => ({ id: `c${i}`, label }));
  it('puts short labels three to a row and long ones alone', () => {
    expect(keyboard(choices(['是', '否']), '3').inline_keyboard).toEqual([
      [
        { text: '是', callback_data: '3|c0' },
        { text: '否', callback_data: '3|c1' },
      ],
    ]);
    expect(
      keyboard(choices(['a', 'b', 'c', 'd']), undefined).inline_keyboard.map((r) => r.length),
    ).toEqual([3, 1]);
    expect(
      keyboard(choices(['Small commodities and daily goods', 'Furniture']), '1').inline_keyboard,
    ).toHaveLength(2);
  });
});

describe('renderTelegram', () => {
  it('splits long text under 4096 characters after escaping, buttons on the last part', () => {
    const paragraph = `${'<'.repeat(900)}\n\n`;
    const parts = renderTelegram([
      { text: paragraph.repeat(6), choices: [{ id: 'a', label: 'A' }], ref: '9' },
    ]);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(part.text.length).toBeLessThanOrEqual(4096);
    expect(parts.filter((p) => p.reply_markup)).toHaveLength(1);
    const button = parts.at(-1)?.reply_markup?.inline_keyboard[0]?.[0] as
      { callback_data?: string } | undefined;
    expect(button?.callback_data).toBe('9|a');
  });
});
