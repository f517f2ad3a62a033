import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../test/support/csv';
import { BOM, csvCell, csvRow, formatNumber } from './csv';

describe('CSV cells', () => {
  it('quotes commas, quotes and line breaks, and leaves plain text alone', () => {
    expect(csvCell('淘宝')).toBe('淘宝');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line 1\nline 2')).toBe('"line 1\nline 2"');
    expect(csvCell('cr\r\nlf')).toBe('"cr\r\nlf"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell('')).toBe('');
  });

  it('neutralises text that a spreadsheet would run as a formula', () => {
    for (const danger of ['=1+1', '+86 123', '-2+3', '@SUM(A1)', '\tx', '\rx'])
      expect(csvCell(danger).replace(/^"/, '')).toMatch(/^'/);
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('writes numbers as numbers, negative ones too, never in exponent notation', () => {
    expect(csvCell(-12.5)).toBe('-12.5');
    expect(csvCell(0)).toBe('0');
    expect(formatNumber(1e-7)).toBe('0.0000001');
    expect(formatNumber(1e21)).toBe('1000000000000000000000');
    expect(formatNumber(Number.NaN)).toBe('');
  });

  it('rows end with CRLF and read back cell for cell', () => {
    const cells = ['中文，逗号', 'a,"b"', 'x\ny', '=danger', -3, null, '@me'];
    const text = csvRow(cells) + csvRow(['2']);
    expect(parseCsv(text)).toEqual([
      ['中文，逗号', 'a,"b"', 'x\ny', "'=danger", '-3', '', "'@me"],
      ['2'],
    ]);
    expect(BOM.charCodeAt(0)).toBe(0xfeff);
  });
});
