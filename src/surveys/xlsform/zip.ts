/**
 * A small ZIP reader for `.xlsx` files: the central directory, stored and deflated entries
 * (inflated with the platform's `DecompressionStream('deflate-raw')`, in Node 20 and
 * workerd). No ZIP64, encryption or multi-disk archives: spreadsheets do not need them.
 */

/** Why an archive could not be read. */
export type ZipError = 'not_zip' | 'zip_unsupported' | 'too_large';

/** An archive's entries by name, inflated on demand. */
export interface ZipArchive {
  names: string[];
  /** The entry's bytes, or undefined when there is no such entry. */
  read(name: string): Promise<Uint8Array | undefined>;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The largest entry inflated (a zip bomb stops here). */
export const MAX_ENTRY_BYTES = 16 * 1024 * 1024;

async function inflate(data: Uint8Array, size: number): Promise<Uint8Array> {
  const stream = new Blob([data]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  const reader = stream.getReader();
  const out = new Uint8Array(size);
  let at = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (at + value.length > size) {
      await reader.cancel();
      throw new Error('too_large');
    }
    out.set(value, at);
    at += value.length;
  }
  return out.subarray(0, at);
}

/**
 * Open a ZIP archive, or say why not.
 *
 * @example const zip = await openZip(bytes); if (typeof zip !== 'string') await zip.read('xl/workbook.xml')
 */
export function openZip(bytes: Uint8Array): ZipArchive | ZipError {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return 'not_zip';
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  if (count === 0xffff || at === 0xffffffff) return 'zip_unsupported';
  const entries = new Map<
    string,
    { method: number; offset: number; csize: number; size: number; flags: number }
  >();
  const decoder = new TextDecoder();
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL) return 'not_zip';
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const csize = view.getUint32(at + 20, true);
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extra = view.getUint16(at + 30, true);
    const comment = view.getUint16(at + 32, true);
    const offset = view.getUint32(at + 42, true);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    entries.set(name, { method, offset, csize, size, flags });
    at += 46 + nameLength + extra + comment;
  }
  return {
    names: [...entries.keys()],
    async read(name) {
      const entry = entries.get(name);
      if (!entry) return undefined;
      if (entry.flags & 1 || (entry.method !== 0 && entry.method !== 8))
        throw new Error('zip_unsupported');
      if (entry.size > MAX_ENTRY_BYTES) throw new Error('too_large');
      const o = entry.offset;
      if (o + 30 > bytes.length || view.getUint32(o, true) !== LOCAL) throw new Error('not_zip');
      const start = o + 30 + view.getUint16(o + 26, true) + view.getUint16(o + 28, true);
      const data = bytes.subarray(start, start + entry.csize);
      if (data.length !== entry.csize) throw new Error('not_zip');
      return entry.method === 0 ? data : inflate(data, entry.size);
    },
  };
}
