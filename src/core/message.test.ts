import { describe, expect, it } from 'vitest';
import { splitText } from './message';

const bytes = (s: string) => new TextEncoder().encode(s).length;

describe('splitText', () => {
  it('keeps short text whole', () => {
    expect(splitText('hello', 10)).toEqual(['hello']);
  });
  it('splits on paragraph boundaries first', () => {
    const text = `${'a'.repeat(30)}\n\n${'b'.repeat(30)}\n\n${'c'.repeat(30)}`;
    expect(splitText(text, 70)).toEqual([`${'a'.repeat(30)}\n\n${'b'.repeat(30)}`, 'c'.repeat(30)]);
  });
  it('never cuts inside a surrogate pair and keeps every character', () => {
    const text = '😀'.repeat(50);
    const parts = splitText(text, 7);
    expect(parts.join('')).toBe(text);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(7);
      expect(part).not.toMatch(/[\ud800-\udbff]$/);
    }
  });
  it('measures in bytes when asked (WeChat) and stays under the limit', () => {
    const text = '乡村网店'.repeat(300);
    const parts = splitText(text, 2048, bytes);
    expect(parts.join('')).toBe(text);
    expect(Math.max(...parts.map(bytes))).toBeLessThanOrEqual(2048);
  });
});
