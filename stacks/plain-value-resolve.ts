/**
 * A fast path for cdktf's token resolution of plain values.
 *
 * cdktf 0.21 resolves each element's JSON value by value: for every string, number, array element
 * and object key it makes a resolution context (two closures and a copied path) and runs up to
 * three regular expressions, whether or not the value holds a token. Most of a lakehouse stack is
 * plain values (names, policy documents, tags), and this was a fifth of a synthesis.
 *
 * The fast path walks plain values itself and hands every value that is, or may contain, a token
 * to cdktf's own `resolve`, with the same options and key path. It hands over exactly what cdktf
 * would treat specially, judged by cdktf's own tests on the value:
 * - a string containing a token marker (`${TfToken[`, `#{TfToken[`, `&{TfToken[`), cdktf's
 *   stringified-number-token pattern, or a map-token placeholder;
 * - a number that may be a token (cdktf encodes tokens as doubles of magnitude ≥ 2^960) or the
 *   number map-token placeholder;
 * - an array with such an element (cdktf resolves it as a list token);
 * - an object with a `resolve` method (a token), a construct, or a key that is not plain;
 * - functions and paths deeper than cdktf's limit (cdktf throws its own error).
 * Everything else is returned as cdktf returns it: primitives and dates as they are, arrays and
 * objects copied without `undefined` entries. For what cdktf elements produce (plain arrays and
 * objects of data properties) the output is byte for byte the same
 * (test/stacks/plain-value-resolve.test.ts compares both on every shipped stack and on crafted
 * token-laden values). Where it may differ: an element value whose getters change between reads,
 * or an array that grows while one of its tokens resolves (cdktf reads values one more time, and
 * maps over the array's original length); array subclasses are handed over.
 */
import { Token } from 'cdktf';

interface ResolveOptions {
  readonly prefix?: string[];
  readonly [option: string]: unknown;
}
type PrivateResolve = (obj: unknown, options: ResolveOptions) => unknown;

const PATCHED = Symbol.for('iceberg-lakehouse-cdktf.plainValueResolve');
// cdktf's TokenString.forNumbers pattern (tokens/private/encoding.js), which it tests every string against.
const NUMBER_TOKEN_PATTERN = /[-|\d|.+]+(e[-|\d|.|e|E|+]+)/;
// Below the smallest magnitude of cdktf's token doubles (top 16 bits 0xfdff or 0xfbff: 2^992, 2^960).
const PLAIN_NUMBER_LIMIT = 1e280;
// cdktf's protection against cyclic values (prefix.length > 200).
const MAX_DEPTH = 200;

function isPlainString(s: string): boolean {
  return !s.includes('TfToken[') && !NUMBER_TOKEN_PATTERN.test(s) && s !== Token.STRING_MAP_TOKEN_VALUE && s !== Token.ANY_MAP_TOKEN_VALUE;
}

function isPlainNumber(n: number): boolean {
  return n > -PLAIN_NUMBER_LIMIT && n < PLAIN_NUMBER_LIMIT && n !== Token.NUMBER_MAP_TOKEN_VALUE;
}

function isTokenElement(x: unknown): boolean {
  return (typeof x === 'string' && x.includes('TfToken[')) || (typeof x === 'number' && !isPlainNumber(x));
}

function isSpecialObject(obj: object): boolean {
  const o = obj as { resolve?: unknown; _children?: unknown; _metadata?: unknown };
  return typeof o.resolve === 'function' || (o._children !== undefined && o._metadata !== undefined);
}

/** Resolves `obj` at `path` (kept as a stack: pushed and popped, copied only when handed over). */
function resolvePlain(cdktfResolve: PrivateResolve, obj: unknown, options: ResolveOptions, path: string[]): unknown {
  const handOver = (): unknown => cdktfResolve(obj, { ...options, prefix: [...path] });
  if (path.length > MAX_DEPTH) return handOver();
  switch (typeof obj) {
    case 'string':
      return isPlainString(obj) ? obj : handOver();
    case 'number':
      return isPlainNumber(obj) ? obj : handOver();
    case 'function':
      return handOver();
    case 'object':
      break;
    default:
      return obj;
  }
  if (obj === null || obj instanceof Date) return obj;
  if (Array.isArray(obj)) {
    // An array subclass may serialise or iterate its own way: cdktf resolves it (through its `map`).
    if (Object.getPrototypeOf(obj) !== Array.prototype || obj.some(isTokenElement)) return handOver();
    const out: unknown[] = [];
    for (let i = 0; i < obj.length; i++) {
      path.push(String(i));
      const value = resolvePlain(cdktfResolve, obj[i], options, path);
      path.pop();
      if (value !== undefined) out.push(value);
    }
    return out;
  }
  const keys = Object.keys(obj);
  if (isSpecialObject(obj) || !keys.every(isPlainString)) return handOver();
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    path.push(key);
    const value = resolvePlain(cdktfResolve, (obj as Record<string, unknown>)[key], options, path);
    path.pop();
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/**
 * Installs the fast path in front of cdktf's private `resolve`, which `Tokenization.resolve` (and
 * so every element and stack resolution) looks up on its module at each call. Only for the cdktf
 * release it was written against (CDKTF_VERSION): its rules are cdktf's, restated. Returns whether
 * it applied and a probe resolved through `Tokenization.resolve` took it; otherwise nothing
 * changes and synthesis is only slower.
 */
export function resolvePlainValuesDirectly(): boolean {
  let resolveModule: { resolve?: PrivateResolve & { [PATCHED]?: true } };
  let cdktf: Pick<typeof import('cdktf'), 'DefaultTokenResolver' | 'StringConcat' | 'Tokenization'>;
  let scope: import('constructs').Construct;
  try {
    /* eslint-disable @typescript-eslint/no-require-imports */
    if ((require('cdktf/package.json') as { version: string }).version !== CDKTF_VERSION) return false;
    resolveModule = require('cdktf/lib/tokens/private/resolve') as typeof resolveModule;
    cdktf = require('cdktf') as typeof cdktf;
    // A lone root construct: an App would create its output folder.
    scope = new (require('constructs') as typeof import('constructs')).Construct(undefined as never, 'probe');
    /* eslint-enable @typescript-eslint/no-require-imports */
  } catch {
    return false;
  }
  const cdktfResolve = resolveModule.resolve;
  if (typeof cdktfResolve !== 'function') return false;
  if (!cdktfResolve[PATCHED]) {
    const fast = ((obj: unknown, options: ResolveOptions) => {
      calls++;
      return resolvePlain(cdktfResolve, obj, options, [...(options.prefix ?? [])]);
    }) as PrivateResolve & { [PATCHED]?: true };
    fast[PATCHED] = true;
    resolveModule.resolve = fast;
  }
  // The probe: a resolution through the public API reaches the fast path.
  const before = calls;
  cdktf.Tokenization.resolve({ probe: 1 }, { scope, resolver: new cdktf.DefaultTokenResolver(new cdktf.StringConcat()) });
  return calls > before;
}

const CDKTF_VERSION = '0.21.0';
let calls = 0;
