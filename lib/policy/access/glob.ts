/**
 * IAM-style wildcard matching on canonical strings (`*` any run of characters, `?` one character),
 * used for resource ARNs, principal ARNs and S3 object names.
 */
export function globMatch(pattern: string, text: string, ignoreCase = false): boolean {
  if (pattern === '*') return true;
  let source = '^';
  for (const ch of pattern) source += ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`${source}$`, ignoreCase ? 'is' : 's').test(text);
}
