/**
 * The part of IAM Conditions (CEL) that scopes a binding to resources: `resource.name`
 * `startsWith` / `endsWith` / `==` / `!=` a string, `resource.type == ...`, `&&`, `||`, `!` and
 * parentheses. Anything else (request time, tags, ...) is undecidable from the JSON: `undefined`,
 * which callers treat as "the binding may apply".
 */
export interface ConditionResource {
  /** `projects/_/buckets/<b>/objects/<name>` or `projects/<p>/datasets/<d>/tables/<t>`. */
  readonly name: string;
  /** `storage.googleapis.com/Object`, `bigquery.googleapis.com/Table`, ... */
  readonly type: string;
}

type Value = boolean | undefined;

export function evaluateCondition(expression: string, resource: ConditionResource): Value {
  const tokens = tokenize(expression);
  if (!tokens) return undefined;
  let pos = 0;
  const peek = () => tokens[pos];
  const orExpr = (): Value => {
    let v = andExpr();
    while (peek() === '||') {
      pos++;
      const r = andExpr();
      v = v === true || r === true ? true : v === false && r === false ? false : undefined;
    }
    return v;
  };
  const andExpr = (): Value => {
    let v = unary();
    while (peek() === '&&') {
      pos++;
      const r = unary();
      v = v === false || r === false ? false : v === true && r === true ? true : undefined;
    }
    return v;
  };
  const unary = (): Value => {
    if (peek() === '!') {
      pos++;
      const v = unary();
      return v === undefined ? undefined : !v;
    }
    if (peek() === '(') {
      pos++;
      const v = orExpr();
      if (tokens[pos++] !== ')') throw new SyntaxError('missing )');
      return v;
    }
    return atom();
  };
  const atom = (): Value => {
    const subject = tokens[pos++];
    const op = tokens[pos++];
    if (op === '.startsWith' || op === '.endsWith') {
      if (tokens[pos++] !== '(') throw new SyntaxError('expected (');
      const arg = literal(tokens[pos++]);
      if (tokens[pos++] !== ')') throw new SyntaxError('expected )');
      const value = field(subject, resource);
      if (value === undefined || arg === undefined) return undefined;
      return op === '.startsWith' ? value.startsWith(arg) : value.endsWith(arg);
    }
    if (op === '==' || op === '!=') {
      const arg = literal(tokens[pos++]);
      const value = field(subject, resource);
      if (value === undefined || arg === undefined) return undefined;
      return op === '==' ? value === arg : value !== arg;
    }
    // An unsupported construct: skip to the next boolean operator at this depth.
    let depth = 0;
    pos--;
    while (pos < tokens.length && (depth > 0 || !['&&', '||', ')'].includes(tokens[pos]!))) {
      if (tokens[pos] === '(') depth++;
      if (tokens[pos] === ')') depth--;
      pos++;
    }
    return undefined;
  };
  try {
    const v = orExpr();
    return pos === tokens.length ? v : undefined;
  } catch {
    return undefined;
  }
}

function field(subject: string | undefined, resource: ConditionResource): string | undefined {
  if (subject === 'resource.name') return resource.name;
  if (subject === 'resource.type') return resource.type;
  return undefined;
}

function literal(token: string | undefined): string | undefined {
  if (!token || !/^(".*"|'.*')$/s.test(token)) return undefined;
  return token.slice(1, -1).replace(/\\(.)/g, '$1');
}

function tokenize(text: string): string[] | undefined {
  const out: string[] = [];
  const re =
    /\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|&&|\|\||==|!=|!|\(|\)|,|\.[A-Za-z_]\w*|[A-Za-z_][\w.]*(?=\.(?:startsWith|endsWith)\b)|[A-Za-z_][\w.]*|[^\s])/gy;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[1] === undefined) break;
    out.push(m[1]);
    if (re.lastIndex >= text.length) break;
  }
  return out.length > 0 ? out : undefined;
}
