import { decodeXmlText, readXmlDocument, type XmlElement } from '../../core/xml';

/** The top-level text fields of one WeChat XML document (`<xml><Field>value</Field>...`). */
export type XmlFields = Readonly<Record<string, string>>;

/** Why a body was refused. */
export type XmlFailure = 'dtd' | 'malformed' | 'not_wechat';

/** The outcome of {@link parseWechatXml}. */
export type XmlParse = { ok: true; fields: XmlFields } | { ok: false; reason: XmlFailure };

// WeChat's XML is flat: one <xml> root whose children hold text or CDATA, sometimes one
// level of event details. The shared reader in core refuses DTDs and entity declarations and
// never expands them. Values stay strings, so a 64-bit MsgId keeps every digit.

/** Deeper than this (the root counts as 1) is refused. */
const MAX_DEPTH = 16;

/** A field's value: CDATA sections as written, text decoded; space around CDATA is layout. */
function leafText(element: XmlElement): string {
  const text = decodeXmlText(element.text);
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
  const root = readXmlDocument(xml, MAX_DEPTH);
  if (typeof root === 'string') return { ok: false, reason: root };
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
