import { describe, expect, it } from 'vitest';
import { markupParts, MARKUP_PATTERN_SOURCE } from './markup';

describe('markupParts', () => {
  it('splits text, bold and links left to right', () => {
    expect(markupParts('**新课**：看 [指南](https://x.cn/a) 吧')).toEqual([
      { kind: 'bold', text: '新课' },
      { kind: 'text', text: '：看 ' },
      { kind: 'link', text: '指南', href: 'https://x.cn/a' },
      { kind: 'text', text: ' 吧' },
    ]);
  });

  it('gives nothing for an empty text and one text part for a text without markup', () => {
    expect(markupParts('')).toEqual([]);
    expect(markupParts('a*b [c] (d)')).toEqual([{ kind: 'text', text: 'a*b [c] (d)' }]);
  });

  it('links only http(s) addresses', () => {
    expect(markupParts('[x](javascript:alert(1))')).toEqual([
      { kind: 'text', text: '[x](javascript:alert(1))' },
    ]);
    expect(markupParts('[x](http://a.cn)')).toEqual([
      { kind: 'link', text: 'x', href: 'http://a.cn' },
    ]);
  });

  it('does not nest: bold around a link keeps the link as its text', () => {
    expect(markupParts('**[d](https://z)**')).toEqual([{ kind: 'bold', text: '[d](https://z)' }]);
    expect(markupParts('[**e**](https://w)')).toEqual([
      { kind: 'link', text: '**e**', href: 'https://w' },
    ]);
  });

  it('needs something between the stars and a closed link', () => {
    expect(markupParts('****')).toEqual([{ kind: 'text', text: '****' }]);
    expect(markupParts('[a](https://x')).toEqual([{ kind: 'text', text: '[a](https://x' }]);
    expect(markupParts('***a***')).toEqual([
      { kind: 'text', text: '*' },
      { kind: 'bold', text: 'a' },
      { kind: 'text', text: '*' },
    ]);
  });

  it('keeps no state between calls (the pattern is global)', () => {
    expect(markupParts('**a**')).toEqual(markupParts('**a**'));
    expect(new RegExp(MARKUP_PATTERN_SOURCE).flags).toBe('');
  });
});
