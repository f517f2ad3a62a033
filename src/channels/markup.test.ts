import { describe, expect, it } from 'vitest';
import { markupParts, type MarkupPart } from '../core/markup';
import { toTelegramHtml } from './telegram/render';
import { chatPage } from './webchat/page';
import { plainText } from './wechat/render';

/**
 * Every renderer of the tiny markup reads it with core/markup.ts. These cases pin each
 * renderer to what its own regular expressions did before they were replaced, and the web
 * chat page's script (browser JS, which cannot import the tokenizer) to the tokenizer.
 */
const CASES = [
  '',
  'plain text, no markup',
  '**注意**：看 [指南](https://x.cn/a?b=1) 或 [https://y.cn](https://y.cn)',
  'a < b & **c > d** [site](https://x.cn/?a=1&b="2")',
  '[x](javascript:alert(1)) a*b',
  '**[d](https://z)** and [**e**](https://w)',
  '***a*** ** ** [](https://x) [a](https://x',
  '**多行\n文本**\n\n[链接](http://example.com/路径)',
  '[a]](https://x) [[b](https://y)',
];

/** Telegram's renderer before the tokenizer. */
function telegramBefore(text: string): string {
  const escape = (s: string) =>
    s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const pattern = /\*\*([^*]+)\*\*|\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g;
  let out = '';
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    out += escape(text.slice(last, match.index));
    out +=
      match[1] !== undefined
        ? `<b>${escape(match[1])}</b>`
        : `<a href="${escape(match[3]!).replace(/"/g, '&quot;')}">${escape(match[2]!)}</a>`;
    last = match.index + match[0].length;
  }
  return out + escape(text.slice(last));
}

/** WeChat's renderer before the tokenizer: bold first, then links, over the whole text. */
function wechatBefore(text: string): string {
  return text
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g, (_all, label: string, url: string) =>
      label === url ? url : `${label} ${url}`,
    );
}

/** Well-formed pieces (markup that does not cross other markup) to build texts from. */
const PIECES = ['a', ' ', '\n', ']', '(', ')', 'https://x', '**c**', '[d](https://z)'];
const NESTED = ['**[d](https://z)**', '[**e**](https://w)', '[https://v](https://v)'];

function* generated(count: number): Generator<string> {
  let seed = 7;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const pieces = [...PIECES, ...NESTED];
  for (let i = 0; i < count; i++) {
    let text = '';
    for (let j = 1 + next(7); j > 0; j--) text += pieces[next(pieces.length)];
    yield text;
  }
}

describe('the markup renderers', () => {
  it('Telegram renders exactly as before', () => {
    for (const text of [...CASES, ...generated(3000)])
      expect(toTelegramHtml(text)).toBe(telegramBefore(text));
  });

  it('WeChat renders exactly as before, nested markup included', () => {
    for (const text of [...CASES, ...generated(3000)])
      expect(plainText(text)).toBe(wechatBefore(text));
  });

  it("the web chat page's script draws the same parts as the tokenizer", () => {
    const appendRich = pageAppendRich();
    for (const text of [...CASES, ...generated(500)]) {
      expect(appendRich(text)).toEqual(markupParts(text));
    }
  });
});

interface FakeNode {
  tag: string;
  textContent: string;
  href?: string;
}

/**
 * The page's own `appendRich`, cut out of the served HTML and run over a fake document;
 * what it appends is read back as markup parts (empty text nodes draw nothing).
 */
function pageAppendRich(): (text: string) => MarkupPart[] {
  const html = chatPage({ userId: 'u', locale: 'en', fresh: false, t: (_l, key) => key });
  const source = /function appendRich\(parent, text\) \{[\s\S]*?\n {2}\}\n/.exec(html)?.[0];
  if (!source) throw new Error('appendRich not found in the chat page');
  const document = {
    createTextNode: (text: string): FakeNode => ({ tag: '#text', textContent: text }),
    createElement: (tag: string): FakeNode => ({ tag, textContent: '' }),
  };
  // Test-only: the page's script is browser JS; the Worker never evaluates code.
  const run = new Function('document', `${source}; return appendRich;`) as (
    doc: typeof document,
  ) => (parent: { appendChild(node: FakeNode): void }, text: string) => void;
  const appendRich = run(document);
  return (text) => {
    const nodes: FakeNode[] = [];
    appendRich({ appendChild: (node) => nodes.push(node) }, text);
    return nodes
      .filter((node) => node.tag !== '#text' || node.textContent !== '')
      .map((node): MarkupPart =>
        node.tag === '#text'
          ? { kind: 'text', text: node.textContent }
          : node.tag === 'b'
            ? { kind: 'bold', text: node.textContent }
            : { kind: 'link', text: node.textContent, href: node.href ?? '' },
      );
  };
}
