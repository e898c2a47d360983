/**
 * A zip archive that depends only on its entries: names sorted by code point, every timestamp the
 * DOS epoch (1980-01-01 00:00), fixed Unix permissions, no extra fields, entries stored (not
 * deflated, so the bytes do not depend on the zlib build). Two builds of the same files are
 * byte-identical, so Terraform sees no change in `source_code_hash` when nothing changed.
 * Layout per APPNOTE.TXT (PKWARE .ZIP File Format Specification) §4.3.
 */
import { crc32 } from 'node:zlib';

export interface ZipEntry {
  /** Path inside the archive, `/`-separated, relative. */
  readonly name: string;
  readonly data: Uint8Array;
  /** Unix permission bits. @default 0o644 */
  readonly mode?: number;
}

const DOS_TIME = 0; // 00:00:00
const DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01
const VERSION = 20; // 2.0: the version needed for stored entries and directories
const MADE_BY_UNIX = (3 << 8) | VERSION; // host 3 = Unix, so the external attributes carry the mode
const UTF8_NAMES = 1 << 11;

function header(fields: readonly [number, 2 | 4][]): Buffer {
  const buffer = Buffer.alloc(fields.reduce((n, [, size]) => n + size, 0));
  let offset = 0;
  for (const [value, size] of fields) offset = size === 2 ? buffer.writeUInt16LE(value, offset) : buffer.writeUInt32LE(value >>> 0, offset);
  return buffer;
}

export function deterministicZip(entries: readonly ZipEntry[]): Buffer {
  const sorted = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (let i = 0; i < sorted.length; i++) {
    const name = sorted[i]!.name;
    if (name === '' || name.startsWith('/') || name.split('/').includes('..'))
      throw new Error(`zip entry name must be a relative path: '${name}'`);
    if (i > 0 && sorted[i - 1]!.name === name) throw new Error(`zip entry '${name}' appears twice`);
  }
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of sorted) {
    const name = Buffer.from(entry.name, 'utf8');
    const flags = /^[\x20-\x7e]*$/.test(entry.name) ? 0 : UTF8_NAMES;
    const crc = crc32(entry.data);
    const size = entry.data.length;
    const common: [number, 2 | 4][] = [
      [VERSION, 2],
      [flags, 2],
      [0, 2],
      [DOS_TIME, 2],
      [DOS_DATE, 2],
      [crc, 4],
      [size, 4],
      [size, 4],
      [name.length, 2],
      [0, 2],
    ];
    const local = Buffer.concat([header([[0x04034b50, 4], ...common]), name, entry.data]);
    const external = ((0o100000 | (entry.mode ?? 0o644)) << 16) >>> 0; // regular file + permissions
    centrals.push(
      Buffer.concat([header([[0x02014b50, 4], [MADE_BY_UNIX, 2], ...common, [0, 2], [0, 2], [0, 2], [external, 4], [offset, 4]]), name]),
    );
    locals.push(local);
    offset += local.length;
  }
  const directory = Buffer.concat(centrals);
  const end = header([
    [0x06054b50, 4],
    [0, 2],
    [0, 2],
    [sorted.length, 2],
    [sorted.length, 2],
    [directory.length, 4],
    [offset, 4],
    [0, 2],
  ]);
  return Buffer.concat([...locals, directory, end]);
}
