/**
 * A small evaluator for CloudWatch Logs JSON filter patterns, enough for the AccessDenied filter:
 * `{ (<sel> = "<value>") && ... || ... }` with `$.`-selectors, `=`/`!=`, `*` wildcards in string
 * values and parentheses. Anything else throws, so the tests notice a pattern they cannot read.
 */
type Token = { kind: 'lp' | 'rp' | 'and' | 'or' } | { kind: 'cmp'; path: string[]; op: '=' | '!='; value: string };

function tokenize(body: string): Token[] {
  const out: Token[] = [];
  const re = /\s*(?:(\()|(\))|(&&)|(\|\|)|\$\.([A-Za-z0-9_.]+)\s*(!=|=)\s*"([^"]*)")/y;
  let i = 0;
  while (i < body.length) {
    if (/^\s*$/.test(body.slice(i))) break;
    re.lastIndex = i;
    const m = re.exec(body);
    if (!m) throw new Error(`filter-pattern: cannot read '${body.slice(i)}'`);
    if (m[1]) out.push({ kind: 'lp' });
    else if (m[2]) out.push({ kind: 'rp' });
    else if (m[3]) out.push({ kind: 'and' });
    else if (m[4]) out.push({ kind: 'or' });
    else out.push({ kind: 'cmp', path: m[5]!.split('.'), op: m[6] as '=' | '!=', value: m[7]! });
    i = re.lastIndex;
  }
  return out;
}

/** Whether a JSON log event matches the pattern. */
export function matchesFilterPattern(pattern: string, event: unknown): boolean {
  const m = /^\{(.*)\}$/s.exec(pattern.trim());
  if (!m) throw new Error('filter-pattern: a JSON pattern is wrapped in { }');
  const tokens = tokenize(m[1]!);
  let pos = 0;
  const lookup = (path: string[]): unknown => path.reduce<any>((o, k) => (o == null ? undefined : o[k]), event);
  const compare = (t: Extract<Token, { kind: 'cmp' }>): boolean => {
    const v = lookup(t.path);
    const re = new RegExp(
      `^${t.value
        .split('*')
        .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
    );
    const eq = typeof v === 'string' && re.test(v);
    return t.op === '=' ? eq : !eq;
  };
  const primary = (): boolean => {
    const t = tokens[pos++];
    if (!t) throw new Error('filter-pattern: unexpected end');
    if (t.kind === 'cmp') return compare(t);
    if (t.kind !== 'lp') throw new Error(`filter-pattern: unexpected ${t.kind}`);
    const v = or();
    if (tokens[pos++]?.kind !== 'rp') throw new Error('filter-pattern: missing )');
    return v;
  };
  const and = (): boolean => {
    let v = primary();
    while (tokens[pos]?.kind === 'and') {
      pos++;
      v = primary() && v;
    }
    return v;
  };
  const or = (): boolean => {
    let v = and();
    while (tokens[pos]?.kind === 'or') {
      pos++;
      v = and() || v;
    }
    return v;
  };
  const result = or();
  if (pos !== tokens.length) throw new Error('filter-pattern: trailing tokens');
  return result;
}
