import { XMLParser } from 'fast-xml-parser';
import { openZip, type ZipError } from './zip';

/**
 * The cell text of an `.xlsx` workbook's sheets (Office Open XML, SpreadsheetML): the sheet
 * names from `xl/workbook.xml` and its relationships, shared strings, inline strings,
 * formula results, numbers and booleans, all as text, by row number and column letter.
 */

/** One row: its number (1-based, as the spreadsheet shows it) and its cells by column letter. */
export interface SheetRow {
  row: number;
  cells: Map<string, string>;
}

/** A workbook's sheets by name, each a list of its non-empty rows. */
export type Workbook = Map<string, SheetRow[]>;

/** Why a file is not a workbook we can read. */
export type WorkbookError = ZipError | 'not_xlsx';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  removeNSPrefix: true,
  isArray: (name) => ['sheet', 'Relationship', 'si', 'r', 'row', 'c'].includes(name),
});

type Node = Record<string, unknown>;

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML's five named entities and numeric character references (`&#36214;`), in one pass. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (whole, name: string) => {
    if (!name.startsWith('#')) return NAMED[name] ?? whole;
    const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** The text of a `<t>` (plain or with `xml:space`) or of rich-text runs `<r><t>`. */
function textOf(node: unknown): string {
  if (node === undefined || node === null) return '';
  if (typeof node === 'string' || typeof node === 'number') return decodeEntities(String(node));
  const n = node as Node;
  if ('#text' in n) return decodeEntities(String(n['#text']));
  let out = '';
  if ('t' in n) out += textOf(n.t);
  if (Array.isArray(n.r)) for (const run of n.r as Node[]) out += textOf(run.t);
  return out;
}

/** `BC12` → `BC`. */
function columnOf(ref: string): string {
  return /^[A-Z]+/.exec(ref)?.[0] ?? '';
}

function xml(bytes: Uint8Array): Node {
  return parser.parse(new TextDecoder().decode(bytes)) as Node;
}

/**
 * Read a workbook's sheets, or say why the file cannot be read.
 *
 * @example const book = await readWorkbook(bytes); if (book instanceof Map) book.get('survey')
 */
export async function readWorkbook(bytes: Uint8Array): Promise<Workbook | WorkbookError> {
  const zip = openZip(bytes);
  if (typeof zip === 'string') return zip;
  try {
    const workbookXml = await zip.read('xl/workbook.xml');
    const relsXml = await zip.read('xl/_rels/workbook.xml.rels');
    if (!workbookXml || !relsXml) return 'not_xlsx';
    const rels = new Map<string, string>();
    const relList = ((xml(relsXml).Relationships as Node | undefined)?.Relationship ??
      []) as Node[];
    for (const r of relList) {
      const target = decodeEntities(String(r['@_Target']));
      rels.set(String(r['@_Id']), target.startsWith('/') ? target.slice(1) : `xl/${target}`);
    }
    const shared: string[] = [];
    const sharedXml = await zip.read('xl/sharedStrings.xml');
    if (sharedXml) {
      const sst = xml(sharedXml).sst as Node | undefined;
      for (const si of (sst?.si ?? []) as unknown[]) shared.push(textOf(si));
    }
    const book: Workbook = new Map();
    const sheets = (((xml(workbookXml).workbook as Node | undefined)?.sheets as Node | undefined)
      ?.sheet ?? []) as Node[];
    for (const sheet of sheets) {
      const path = rels.get(String(sheet['@_id']));
      const data = path ? await zip.read(path) : undefined;
      if (!data) return 'not_xlsx';
      const ws = xml(data).worksheet as Node | undefined;
      const rows: SheetRow[] = [];
      for (const row of ((ws?.sheetData as Node | undefined)?.row ?? []) as Node[]) {
        const cells = new Map<string, string>();
        for (const c of (row.c ?? []) as Node[]) {
          const type = c['@_t'];
          let value: string;
          if (type === 's') value = shared[Number(textOf(c.v))] ?? '';
          else if (type === 'inlineStr') value = textOf(c.is);
          else if (type === 'b') value = textOf(c.v) === '1' ? 'TRUE' : 'FALSE';
          else value = textOf(c.v);
          if (value.trim() !== '') cells.set(columnOf(String(c['@_r'] ?? '')), value);
        }
        if (cells.size > 0) rows.push({ row: Number(row['@_r']), cells });
      }
      book.set(decodeEntities(String(sheet['@_name'])), rows);
    }
    return book;
  } catch (error) {
    const reason = (error as Error).message;
    return reason === 'too_large' || reason === 'zip_unsupported' ? reason : 'not_xlsx';
  }
}
