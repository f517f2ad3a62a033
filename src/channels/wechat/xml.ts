import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** The top-level text fields of one WeChat XML document (`<xml><Field>value</Field>...`). */
export type XmlFields = Readonly<Record<string, string>>;

/** Why a body was refused. */
export type XmlFailure = 'dtd' | 'malformed' | 'not_wechat';

/** The outcome of {@link parseWechatXml}. */
export type XmlParse = { ok: true; fields: XmlFields } | { ok: false; reason: XmlFailure };

const CDATA = '#cdata';

// Entities and DTDs are never expanded (no billion laughs, no external entities): a body
// that declares one is refused before parsing, and entity processing is off. Values stay
// strings, so a 64-bit MsgId keeps every digit.
const parser = new XMLParser({
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  trimValues: false,
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  cdataPropName: CDATA,
  maxNestedTags: 16,
});

const PREDEFINED: Record<string, string> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
};

/** Decode the five predefined entities and character references of a (non-CDATA) text. */
function decodeText(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return PREDEFINED[name] ?? whole;
  });
}

/** One leaf's text: CDATA sections as written, text nodes decoded; undefined for a subtree. */
function leafText(node: unknown): string | undefined {
  if (typeof node === 'string') return decodeText(node);
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
  const entries = Object.entries(node);
  if (!entries.every(([key]) => key === CDATA || key === '#text')) return undefined;
  const record = node as Record<string, unknown>;
  const cdata = [record[CDATA] ?? []].flat().map(String).join('');
  const text = typeof record['#text'] === 'string' ? decodeText(record['#text']) : '';
  // Whitespace around a CDATA section is layout, not content.
  return cdata !== '' || text.trim() === '' ? cdata + text.trim() : text;
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
  if (XMLValidator.validate(xml) !== true) return { ok: false, reason: 'malformed' };
  let parsed: unknown;
  try {
    parsed = parser.parse(xml);
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const root = (parsed as { xml?: unknown }).xml;
  if (typeof root !== 'object' || root === null || Array.isArray(root)) {
    return { ok: false, reason: 'not_wechat' };
  }
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(root)) {
    if (name === '#text') continue;
    if (Array.isArray(value)) return { ok: false, reason: 'malformed' };
    const text = leafText(value);
    if (text !== undefined) fields[name] = text;
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
