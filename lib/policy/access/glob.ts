/**
 * IAM-style wildcard matching on canonical strings (`*` any run of characters, `?` one character),
 * used for resource ARNs, principal ARNs and S3 object names.
 */
const compiled = new Map<string, RegExp>();

export function globMatch(pattern: string, text: string, ignoreCase = false): boolean {
  if (pattern === '*') return true;
  const key = `${ignoreCase ? 'i' : 's'}${pattern}`;
  let re = compiled.get(key);
  if (!re) {
    let source = '^';
    for (const ch of pattern) source += ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    re = new RegExp(`${source}$`, ignoreCase ? 'is' : 's');
    compiled.set(key, re);
  }
  return re.test(text);
}
