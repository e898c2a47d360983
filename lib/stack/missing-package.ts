/**
 * The package a failed `require` missed, or undefined when the error is anything else (including
 * a missing file of this project, which is a bug, not an optional peer dependency left out).
 * Free of cdktf so the CLI can use it before deciding whether to load cdktf at all.
 */
export function missingPackage(e: unknown): string | undefined {
  if ((e as NodeJS.ErrnoException | undefined)?.code !== 'MODULE_NOT_FOUND') return undefined;
  const name = /Cannot find module '([^']+)'/.exec(String((e as Error).message))?.[1];
  return name === undefined || name.startsWith('.') || name.startsWith('/') ? undefined : name;
}
