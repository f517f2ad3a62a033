/** The top-level text fields of one WeChat XML document (`<xml><Field>value</Field>...`). */
export type XmlFields = Readonly<Record<string, string>>;

/** Why a body was refused. */
export type XmlFailure = 'dtd' | 'malformed' | 'not_wechat';

/** The outcome of {@link parseWechatXml}. */
export type XmlParse = { ok: true; fields: XmlFields } | { ok: false; reason: XmlFailure };

// WeChat's XML is flat: one <xml> root whose children hold text or CDATA, sometimes one
// level of event details. This reader knows just that much of XML (elements, attributes,
// which it skips, CDATA, comments, processing instructions, the predefined entities) in one
// pass over the text, with no regular expression that can backtrack. Entities and DTDs are
// never expanded (no billion laughs, no external entities): a body that declares one is
// refused before reading. Values stay strings, so a 64-bit MsgId keeps every digit.

/** Deeper than this (the root counts as 1) is refused. */
const MAX_DEPTH = 16;
const NAME = /[A-Za-z_:][\w.:-]*/y;
const SPACE = new Set([' ', '\t', '\n', '\r']);

/** One element as read: its text pieces, CDATA pieces and child elements. */
interface Element {
  name: string;
  text: string;
  cdata: string;
  hasCdata: boolean;
  children: Element[];
}

/** Thrown inside the reader only; {@link parseWechatXml} turns it into `malformed`. */
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

/** The attributes of a start tag are checked for form and skipped; the index after `>`. */
function readStartTag(s: string, i: number): { end: number; empty: boolean } {
  for (;;) {
    const spaced = skipSpace(s, i);
    if (s.startsWith('/>', spaced)) return { end: spaced + 2, empty: true };
    if (s[spaced] === '>') return { end: spaced + 1, empty: false };
    if (spaced === i) fail(); // an attribute must follow a space
    i = skipSpace(s, spaced + readName(s, spaced).length);
    if (s[i] !== '=') fail();
    i = skipSpace(s, i + 1);
    const quote = s[i];
    if (quote !== '"' && quote !== "'") fail();
    const close = s.indexOf(quote, i + 1);
    if (close < 0 || s.slice(i + 1, close).includes('<')) fail();
    i = close + 1;
  }
}

/** The element whose `<` is at `start`, and the index after it. */
function readElement(s: string, start: number, depth: number): { element: Element; end: number } {
  if (depth > MAX_DEPTH) fail();
  const name = readName(s, start + 1);
  const tag = readStartTag(s, start + 1 + name.length);
  const element: Element = { name, text: '', cdata: '', hasCdata: false, children: [] };
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
      const child = readElement(s, open, depth + 1);
      element.children.push(child.element);
      i = child.end;
    }
  }
}

/** The one root element of a document, or a failure. */
function readDocument(s: string): Element {
  const start = skipMisc(s, 0);
  if (s[start] !== '<') fail();
  const { element, end } = readElement(s, start, 1);
  if (skipMisc(s, end) !== s.length) fail();
  return element;
}

const PREDEFINED: Record<string, string> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
};

/** Decode the five predefined entities and character references of a (non-CDATA) text. */
function decodeText(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return PREDEFINED[name] ?? whole;
  });
}

/** A field's value: CDATA sections as written, text decoded; space around CDATA is layout. */
function leafText(element: Element): string {
  const text = decodeText(element.text);
  return element.hasCdata ? element.cdata + text.trim() : text;
}

/**
 * Parse a WeChat message body: one `<xml>` root with text fields. Nested elements (event
 * details such as `ScanCodeInfo`) are skipped; a repeated field, a DTD or entity
 * declaration, or anything not well formed is refused.
 *
 * @example parseWechatXml('<xml><MsgType><![CDATA[text]]></MsgType></xml>')
 * // { ok: true, fields: { MsgType: 'text' } }
 */
export function parseWechatXml(xml: string): XmlParse {
  if (/<!(DOCTYPE|ENTITY)/i.test(xml)) return { ok: false, reason: 'dtd' };
  let root: Element;
  try {
    root = readDocument(xml);
  } catch (error) {
    if (error instanceof Malformed) return { ok: false, reason: 'malformed' };
    throw error;
  }
  if (root.name !== 'xml') return { ok: false, reason: 'not_wechat' };
  const fields: Record<string, string> = {};
  const seen = new Set<string>();
  for (const child of root.children) {
    if (seen.has(child.name) || child.name === '__proto__') {
      return { ok: false, reason: 'malformed' };
    }
    seen.add(child.name);
    if (child.children.length === 0) fields[child.name] = leafText(child);
  }
  return { ok: true, fields };
}

/**
 * Write a WeChat XML document: strings as CDATA (a `]]>` inside is split safely),
 * numbers as plain text.
 *
 * @example buildWechatXml({ MsgType: 'text', CreateTime: 1 })
 * // '<xml><MsgType><![CDATA[text]]></MsgType><CreateTime>1</CreateTime></xml>'
 */
export function buildWechatXml(fields: Readonly<Record<string, string | number>>): string {
  // Written by hand: field names are ours, values go in CDATA, and a builder library would
  // cost the bundle far more than these lines.
  const body = Object.entries(fields)
    .map(
      ([name, value]) =>
        `<${name}>${typeof value === 'number' ? String(value) : cdata(value)}</${name}>`,
    )
    .join('');
  return `<xml>${body}</xml>`;
}

/** A CDATA section holding any text: a `]]>` inside is split across two sections. */
function cdata(text: string): string {
  return `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}
