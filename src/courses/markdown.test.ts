import { describe, expect, it } from 'vitest';
import { checkMarkup, splitFrontMatter } from './markdown';

describe('lesson files', () => {
  it('split at the front matter, with the line the text starts on', () => {
    expect(splitFrontMatter('---\r\nid: a\r\n---\r\n\r\nHello\n')).toEqual({
      frontMatter: 'id: a',
      body: 'Hello',
      bodyLine: 5,
    });
    expect(splitFrontMatter('id: a\n---\nHello')).toBeUndefined();
    expect(splitFrontMatter('---\nid: a\nHello')).toBeUndefined();
  });

  it('allow bold, links, lists and plain text', () => {
    expect(
      checkMarkup(
        '**Bold** and **more bold** text.\n1. a [link](https://x.cn/a?b=1)\n- item: 9 ÷ 60 = 15%',
      ),
    ).toEqual([]);
  });

  it.each([
    ['## Heading', 'headings are not shown on chat channels; use **bold**'],
    ['![photo](https://x.cn/a.png)', 'images are not supported in lessons'],
    ['<a href="https://x.cn">x</a>', 'HTML tags are not allowed; use **bold** and [label](url)'],
    ['```', 'code blocks are not supported in lessons'],
    ['an *italic* word', 'only **bold** is supported, not *italics*'],
    ['__bold__', 'use **bold**, not __bold__'],
    ['> quoted', 'quotes are not supported in lessons'],
    ['| a | b |', 'tables are not supported in lessons'],
    ['[x](javascript:alert(1))', 'link "[x](javascript:alert(1)" must point to an http(s) address'],
    ['**open only', '**bold** must open and close on the same line'],
  ])('refuse %s', (line, message) => {
    expect(checkMarkup(`ok\n${line}`)).toContainEqual(
      expect.objectContaining({ line: 2, message }),
    );
  });
});
