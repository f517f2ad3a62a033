import { decodeXmlText, localName, readXmlDocument, type XmlElement } from '../../core/xml';
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

/** Deeper than this is refused; a sheet's cell text sits at depth 7 (worksheet … r, t). */
const MAX_DEPTH = 16;

/** Thrown inside the reader only; {@link readWorkbook} answers `not_xlsx`. */
class NotXlsx extends Error {}

/** The children of `element` with local name `name` (`x:row` counts as `row`). */
function children(element: XmlElement | undefined, name: string): XmlElement[] {
  return element ? element.children.filter((child) => localName(child.name) === name) : [];
}

/** An attribute by local name (`r:id` counts as `id`). */
function attr(element: XmlElement, name: string): string | undefined {
  for (const [key, value] of Object.entries(element.attrs)) {
    if (localName(key) === name) return value;
  }
  return undefined;
}

/** The text of a `<t>` (plain or with `xml:space`): CDATA as written, text decoded. */
function textOf(element: XmlElement | undefined): string {
  return element ? element.cdata + decodeXmlText(element.text) : '';
}

/** A string item (`<si>`, `<is>`): its `<t>`, or its rich-text runs' `<t>`s; not phonetics. */
function stringItem(element: XmlElement | undefined): string {
  let out = '';
  for (const t of children(element, 't')) out += textOf(t);
  for (const run of children(element, 'r')) for (const t of children(run, 't')) out += textOf(t);
  return out;
}

/** `BC12` → `BC`. */
function columnOf(ref: string): string {
  return /^[A-Z]+/.exec(ref)?.[0] ?? '';
}

/** `A` → 1, `AB` → 28, and back. */
function columnNumber(column: string): number {
  let n = 0;
  for (const ch of column) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function columnLetters(n: number): string {
  let out = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

function xml(bytes: Uint8Array): XmlElement {
  const root = readXmlDocument(new TextDecoder().decode(bytes), MAX_DEPTH);
  if (typeof root === 'string') throw new NotXlsx();
  return root;
}

/** A worksheet's non-empty rows; rows and cells without a reference follow the one before. */
function sheetRows(worksheet: XmlElement, shared: readonly string[]): SheetRow[] {
  const rows: SheetRow[] = [];
  let rowNumber = 0;
  for (const row of children(children(worksheet, 'sheetData')[0], 'row')) {
    const ref = Number(attr(row, 'r'));
    rowNumber = Number.isInteger(ref) && ref > 0 ? ref : rowNumber + 1;
    const cells = new Map<string, string>();
    let columnAt = 0;
    for (const c of children(row, 'c')) {
      const column = columnOf(attr(c, 'r') ?? '');
      columnAt = column ? columnNumber(column) : columnAt + 1;
      const type = attr(c, 't');
      const v = textOf(children(c, 'v')[0]);
      let value: string;
      if (type === 's') value = shared[Number(v)] ?? '';
      else if (type === 'inlineStr') value = stringItem(children(c, 'is')[0]);
      else if (type === 'b') value = v === '1' ? 'TRUE' : 'FALSE';
      else value = v;
      if (value.trim() !== '') cells.set(columnLetters(columnAt), value);
    }
    if (cells.size > 0) rows.push({ row: rowNumber, cells });
  }
  return rows;
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
    for (const r of children(xml(relsXml), 'Relationship')) {
      const target = attr(r, 'Target') ?? '';
      rels.set(attr(r, 'Id') ?? '', target.startsWith('/') ? target.slice(1) : `xl/${target}`);
    }
    const sharedXml = await zip.read('xl/sharedStrings.xml');
    const shared = sharedXml ? children(xml(sharedXml), 'si').map(stringItem) : [];
    const book: Workbook = new Map();
    for (const sheet of children(children(xml(workbookXml), 'sheets')[0], 'sheet')) {
      const path = rels.get(attr(sheet, 'id') ?? '');
      const data = path ? await zip.read(path) : undefined;
      if (!data) return 'not_xlsx';
      book.set(attr(sheet, 'name') ?? '', sheetRows(xml(data), shared));
    }
    return book;
  } catch (error) {
    const reason = (error as Error).message;
    return reason === 'too_large' || reason === 'zip_unsupported' ? reason : 'not_xlsx';
  }
}
