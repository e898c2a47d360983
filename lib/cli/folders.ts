import { accessSync, constants, mkdirSync, statSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from './command';

function stat(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK | constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** An input folder the command reads: missing or not a folder is a usage error (exit 2). */
export function requireFolder(flag: string, path: string): void {
  const s = stat(path);
  if (!s) throw new UsageError(`${flag} '${path}' does not exist; give a folder`);
  if (!s.isDirectory()) throw new UsageError(`${flag} '${path}' is a file, not a folder`);
}

/** A folder or a single file the command reads. */
export function requirePath(flag: string, path: string, what: string): void {
  if (!stat(path)) throw new UsageError(`${flag} '${path}' does not exist; give ${what}`);
}

/**
 * An output folder the command will create or write into: an existing file, or a folder (or the
 * nearest existing parent) this user cannot write to, is a usage error, found before any work.
 */
export function requireWritableFolder(flag: string, path: string): void {
  const s = stat(path);
  if (s) {
    if (!s.isDirectory()) throw new UsageError(`${flag} '${path}' is an existing file, not a folder; give a folder to write into`);
    if (!writable(path)) throw new UsageError(`${flag} '${path}' is not writable (permission denied)`);
    return;
  }
  let parent = dirname(resolve(path));
  let ps = stat(parent);
  while (!ps && dirname(parent) !== parent) {
    parent = dirname(parent);
    ps = stat(parent);
  }
  if (ps && !ps.isDirectory()) throw new UsageError(`${flag} '${path}' cannot be created: ${parent} is a file`);
  if (!writable(parent)) throw new UsageError(`${flag} '${path}' cannot be created: no permission to write in ${parent}`);
}

/**
 * `mkdir -p`, one level at a time. Node's `mkdirSync(..., { recursive: true })` loops forever when
 * a file system answers ENOENT under a folder that exists (e.g. under /proc); this fails instead.
 */
export function makeFolders(path: string): void {
  const missing: string[] = [];
  for (let p = resolve(path); !stat(p); p = dirname(p)) {
    missing.push(p);
    if (dirname(p) === p) break;
  }
  for (const dir of missing.reverse()) mkdirSync(dir);
}

/** A file-system error while writing output, said in one line as a usage problem (exit 2). */
export function writeError(flag: string, path: string, e: unknown): UsageError {
  const err = e as NodeJS.ErrnoException;
  const reasons: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'read-only file system',
    ENOTDIR: 'a part of the path is a file',
    EISDIR: 'a folder is in the way of a file',
    ENOSPC: 'no space left on the device',
    EEXIST: 'a file is in the way of a folder',
    ENOENT: 'the file system refused to create it',
  };
  const reason = (err.code && reasons[err.code]) ?? err.message;
  return new UsageError(`cannot write to ${flag} '${path}': ${reason}${err.path ? ` (${err.path})` : ''}`);
}
