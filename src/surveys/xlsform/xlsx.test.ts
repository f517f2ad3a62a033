import { describe, expect, it } from 'vitest';
import { readWorkbook } from './xlsx';

/** A stored (uncompressed) zip of the given files; enough for the reader, which skips CRCs. */
function storedZip(files: Record<string, string>): Uint8Array {
  const encoder = new TextEncoder();
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const nameBytes = encoder.encode(name);
    const data = encoder.encode(text);
    const local = new Uint8Array(30 + nameBytes.length + data.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint32(18, data.length, true);
    lv.setUint32(22, data.length, true);
    lv.setUint16(26, nameBytes.length, true);
    local.set(nameBytes, 30);
    local.set(data, 30 + nameBytes.length);
    const central = new Uint8Array(46 + nameBytes.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint32(20, data.length, true);
    cv.setUint32(24, data.length, true);
    cv.setUint16(28, nameBytes.length, true);
    cv.setUint32(42, offset, true);
    central.set(nameBytes, 46);
    locals.push(local);
    centrals.push(central);
    offset += local.length;
  }
  const centralSize = centrals.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, centrals.length, true);
  ev.setUint16(10, centrals.length, true);
  ev.setUint32(12, centralSize, true);
  ev.setUint32(16, offset, true);
  const out = new Uint8Array(offset + centralSize + end.length);
  let at = 0;
  for (const part of [...locals, ...centrals, end]) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const NS = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';

function workbook(sheetXml: string, shared?: string): Uint8Array {
  return storedZip({
    'xl/workbook.xml': `<?xml version="1.0"?><x:workbook ${NS} xmlns:r="rel"><x:sheets><x:sheet name="survey &amp; more" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>`,
    'xl/_rels/workbook.xml.rels': `<Relationships xmlns="rels"><Relationship Id="rId1" Target="/xl/worksheets/one.xml" Type="ws"/></Relationships>`,
    'xl/worksheets/one.xml': sheetXml,
    ...(shared === undefined ? {} : { 'xl/sharedStrings.xml': shared }),
  });
}

describe('readWorkbook', () => {
  it('reads prefixed names, shared, inline and rich strings, numbers and booleans', async () => {
    const shared = `<x:sst ${NS}><x:si><x:t>type</x:t></x:si><x:si><x:r><x:t>sel</x:t></x:r><x:r><x:t xml:space="preserve">ect_one </x:t></x:r><x:rPh><x:t>ふりがな</x:t></x:rPh></x:si></x:sst>`;
    const sheet = `<x:worksheet ${NS}><x:sheetData>
      <x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="C1" t="inlineStr"><x:is><x:t>标签 &lt;zh&gt; &#36214;</x:t></x:is></x:c></x:row>
      <x:row r="3"><x:c r="A3" t="s"><x:v>1</x:v></x:c><x:c r="B3"><x:v>2.5</x:v></x:c><x:c r="C3" t="b"><x:v>1</x:v></x:c><x:c r="D3" t="s"><x:v>9</x:v></x:c></x:row>
    </x:sheetData></x:worksheet>`;
    const book = await readWorkbook(workbook(sheet, shared));
    expect(book).toBeInstanceOf(Map);
    const rows = (book as Map<string, { row: number; cells: Map<string, string> }[]>).get(
      'survey & more',
    );
    expect(rows?.map((r) => [r.row, Object.fromEntries(r.cells)])).toEqual([
      [1, { A: 'type', C: '标签 <zh> 赶' }],
      [3, { A: 'select_one ', B: '2.5', C: 'TRUE' }],
    ]);
  });

  it('places rows and cells written without references after the one before', async () => {
    const sheet = `<worksheet><sheetData><row><c t="inlineStr"><is><t>a</t></is></c><c><v>1</v></c></row><row r="5"><c r="AA5"><v>2</v></c><c><v>3</v></c></row><row><c><v>4</v></c></row></sheetData></worksheet>`;
    const book = await readWorkbook(workbook(sheet));
    const rows = (book as Map<string, { row: number; cells: Map<string, string> }[]>).get(
      'survey & more',
    );
    expect(rows?.map((r) => [r.row, Object.fromEntries(r.cells)])).toEqual([
      [1, { A: 'a', B: '1' }],
      [5, { AA: '2', AB: '3' }],
      [6, { A: '4' }],
    ]);
  });

  it('refuses a sheet with a DTD or broken XML instead of reading part of it', async () => {
    const dtd = `<!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet><sheetData/></worksheet>`;
    expect(await readWorkbook(workbook(dtd))).toBe('not_xlsx');
    expect(await readWorkbook(workbook('<worksheet><sheetData><row></sheetData>'))).toBe(
      'not_xlsx',
    );
  });
});
