/**
 * A small XML reader for the two documents we read: WeChat message bodies and the sheet parts
 * of an `.xlsx` workbook. It knows elements, attributes, text, CDATA, comments and processing
 * instructions, and the predefined entities, in one pass over the text with no regular
 * expression that can backtrack. Entities and DTDs are never expanded (no billion laughs, no
 * external entities): a document that declares one is refused before reading. Values stay
 * strings. Pure; written here because a general XML library costs the bundle far more.
 */

/** One element as read: its name, attributes, text pieces, CDATA pieces and children. */
export interface XmlElement {
  /** The name as written, prefix included (`x:row`). */
  name: string;
  /** Attributes by name as written (prefix included), values decoded. */
  attrs: Readonly<Record<string, string>>;
  /** The element's own text between its children, not decoded (see {@link decodeXmlText}). */
  text: string;
  /** Its CDATA sections, joined, as written. */
  cdata: string;
  hasCdata: boolean;
  children: XmlElement[];
}

/** Why a document was refused. */
export type XmlRefusal = 'dtd' | 'malformed';

const NAME = /[A-Za-z_:][\w.:-]*/y;
const SPACE = new Set([' ', '\t', '\n', '\r']);

/** Thrown inside the reader only; {@link readXmlDocument} turns it into `malformed`. */
class Malformed extends Error {}

function fail(): never {
  throw new Malformed();
}

function skipSpace(s: string, i: number): number {
  while (i < s.length && SPACE.has(s[i]!)) i++;
  return i;
}

function readName(s: string, i: number): string {
  NAME.lastIndex = i;
  return NAME.exec(s)?.[0] ?? fail();
}

/** The index just after `close`, searched from `from`. */
function after(s: string, from: number, close: string): number {
  const at = s.indexOf(close, from);
  return at < 0 ? fail() : at + close.length;
}

/** Comments, processing instructions and space between elements; the index after them. */
function skipMisc(s: string, i: number): number {
  for (;;) {
    i = skipSpace(s, i);
    if (s.startsWith('<!--', i)) i = after(s, i + 4, '-->');
    else if (s.startsWith('<?', i)) i = after(s, i + 2, '?>');
    else return i;
  }
}

/** The attributes of a start tag; the index after its `>` and whether it closes itself. */
function readStartTag(
  s: string,
  i: number,
  attrs: Record<string, string>,
): { end: number; empty: boolean } {
  for (;;) {
    const spaced = skipSpace(s, i);
    if (s.startsWith('/>', spaced)) return { end: spaced + 2, empty: true };
    if (s[spaced] === '>') return { end: spaced + 1, empty: false };
    if (spaced === i) fail(); // an attribute must follow a space
    const name = readName(s, spaced);
    i = skipSpace(s, spaced + name.length);
    if (s[i] !== '=') fail();
    i = skipSpace(s, i + 1);
    const quote = s[i];
    if (quote !== '"' && quote !== "'") fail();
    const close = s.indexOf(quote, i + 1);
    if (close < 0) fail();
    const value = s.slice(i + 1, close);
    if (value.includes('<')) fail();
    attrs[name] = decodeXmlText(value);
    i = close + 1;
  }
}

/** The element whose `<` is at `start`, and the index after it. */
function readElement(
  s: string,
  start: number,
  depth: number,
  maxDepth: number,
): { element: XmlElement; end: number } {
  if (depth > maxDepth) fail();
  const name = readName(s, start + 1);
  const attrs: Record<string, string> = Object.create(null) as Record<string, string>;
  const tag = readStartTag(s, start + 1 + name.length, attrs);
  const element: XmlElement = { name, attrs, text: '', cdata: '', hasCdata: false, children: [] };
  if (tag.empty) return { element, end: tag.end };
  let i = tag.end;
  for (;;) {
    const open = s.indexOf('<', i);
    if (open < 0) fail();
    element.text += s.slice(i, open);
    if (s.startsWith('<![CDATA[', open)) {
      const close = after(s, open + 9, ']]>');
      element.cdata += s.slice(open + 9, close - 3);
      element.hasCdata = true;
      i = close;
    } else if (s.startsWith('<!--', open)) i = after(s, open + 4, '-->');
    else if (s.startsWith('<?', open)) i = after(s, open + 2, '?>');
    else if (s.startsWith('</', open)) {
      if (readName(s, open + 2) !== name) fail();
      const end = skipSpace(s, open + 2 + name.length);
      if (s[end] !== '>') fail();
      return { element, end: end + 1 };
    } else if (s[open + 1] === '!') fail();
    else {
      const child = readElement(s, open, depth + 1, maxDepth);
      element.children.push(child.element);
      i = child.end;
    }
  }
}

/**
 * The one root element of a document, or why it was refused. Deeper nesting than
 * `maxDepth` (the root counts as 1) is refused as malformed.
 *
 * @example readXmlDocument('<a x="1"><b>hi</b></a>', 4) // { name: 'a', attrs: { x: '1' }, ... }
 */
export function readXmlDocument(s: string, maxDepth: number): XmlElement | XmlRefusal {
  if (/<!(DOCTYPE|ENTITY)/i.test(s)) return 'dtd';
  try {
    const start = skipMisc(s, 0);
    if (s[start] !== '<') fail();
    const { element, end } = readElement(s, start, 1, maxDepth);
    if (skipMisc(s, end) !== s.length) fail();
    return element;
  } catch (error) {
    if (error instanceof Malformed) return 'malformed';
    throw error;
  }
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * Decode the five predefined entities and character references (`&#36214;`) of a non-CDATA
 * text; anything else stays as written.
 *
 * @example decodeXmlText('a &amp; &#36214;') // 'a & 赶'
 */
export function decodeXmlText(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return PREDEFINED[name] ?? whole;
  });
}

/** A name without its namespace prefix: `x:row` → `row`, `r:id` → `id`. */
export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}
