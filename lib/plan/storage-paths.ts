/**
 * Where things live in an object store, computed one way for every path (S3 and GCS): key prefixes
 * without slashes at either end, joined with single slashes, and URIs built from them. A bucket
 * may be given as a Terraform reference; nothing here parses it.
 */

export type ObjectStoreScheme = 's3' | 'gs';

/** `/a/b/` → `a/b`: a key prefix without slashes at either end. */
export function trimSlashes(prefix: string): string {
  return prefix.replace(/^\/+|\/+$/g, '');
}

/** `a`, `/b/c/` → `a/b/c`, ignoring empty parts and stray slashes. */
export function joinKey(...parts: readonly string[]): string {
  return parts
    .map(trimSlashes)
    .filter((p) => p.length > 0)
    .join('/');
}

/** `<scheme>://<bucket>/<keyPrefix>` without a trailing slash (`<scheme>://<bucket>` for an empty prefix). */
export function objectStoreUri(scheme: ObjectStoreScheme, bucket: string, keyPrefix: string): string {
  const key = trimSlashes(keyPrefix);
  return key === '' ? `${scheme}://${bucket}` : `${scheme}://${bucket}/${key}`;
}

/** `<scheme>://<bucket>/<keyPrefix>/`: a folder (table and namespace locations end with a slash). */
export function folderUri(scheme: ObjectStoreScheme, bucket: string, keyPrefix: string): string {
  return `${objectStoreUri(scheme, bucket, keyPrefix)}/`;
}
