import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import type { PathProblem, PathSegment } from './problems';
import * as precompiled from './schemas/validators.generated';
import { PATTERN_WORDS, quoteValue, typeInWords } from './schema-words';
import { didYouMean } from './suggest';
import { TRANSFORM_NAMES } from './transforms';

// Compiled ahead of time by scripts/generate-validators.ts, with ajv's allErrors, strict and verbose options.
export const validateTableTemplateSchema = precompiled.validateTableTemplate as unknown as ValidateFunction;
export const validateEnvironmentSchema = precompiled.validateEnvironment as unknown as ValidateFunction;

/** A schema violation, with the JSON Schema keyword that failed. */
export interface SchemaProblem extends PathProblem {
  readonly keyword: string;
}

/**
 * Keywords whose failures leave every value with the type the schema declares, so the semantic
 * checks can still run on the data and report their own problems in the same pass.
 */
const SHAPE_PRESERVING = new Set([
  'additionalProperties',
  'propertyNames',
  'pattern',
  'enum',
  'const',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'maxProperties',
]);

export function shapePreserved(problems: readonly SchemaProblem[]): boolean {
  return problems.every((p) => SHAPE_PRESERVING.has(p.keyword));
}

/** Semantic problems not already reported by the schema at the same field or one of its parents. */
export function notCoveredBy(schemaProblems: readonly PathProblem[], semantic: readonly PathProblem[]): PathProblem[] {
  const covers = (outer: readonly unknown[], inner: readonly unknown[]): boolean =>
    outer.length <= inner.length && outer.every((seg, i) => seg === inner[i]);
  return semantic.filter((p) => !schemaProblems.some((s) => !s.atKey && covers(s.path, p.path)));
}

/** Checks data with a compiled JSON Schema: one problem per violation, worded for people, with the failing keyword. */
export function schemaProblems(validate: ValidateFunction, data: unknown): SchemaProblem[] {
  if (validate(data)) return [];
  const problems: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const err of validate.errors ?? []) {
    // `if`/`then` and `anyOf` wrappers repeat what their branches already said.
    // `propertyNames` repeats its failing sub-rule, which names the key.
    if (err.keyword === 'if' || err.keyword === 'anyOf' || err.keyword === 'oneOf' || err.keyword === 'propertyNames') continue;
    const problem = describe(err);
    const key = JSON.stringify(problem.path) + problem.message;
    if (!seen.has(key)) {
      seen.add(key);
      problems.push({ ...problem, keyword: err.keyword });
    }
  }
  return problems;
}

function pathOf(instancePath: string): PathSegment[] {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^[0-9]+$/.test(s) ? Number(s) : s));
}

function allowedKeys(err: ErrorObject): string[] {
  const props = (err.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
  return props ? Object.keys(props) : [];
}

/** `"Orders-2024" is not lowercase snake_case: ...`: the value as written, then what is allowed, in words. */
function patternMessage(err: ErrorObject, value: unknown): string {
  const pattern = String((err.params as { pattern?: unknown }).pattern);
  const words = PATTERN_WORDS[pattern];
  if (words !== undefined) {
    const transforms = pattern.startsWith('^(identity|') && typeof value === 'string' ? didYouMean(value, TRANSFORM_NAMES) : '';
    return `${quoteValue(value)} ${words}${transforms}`;
  }
  // A pattern without words (a schema newer than this table): its description, never the expression.
  const description = (err.parentSchema as { description?: string } | undefined)?.description;
  return `${quoteValue(value)} is not in the allowed form${description ? `: ${description.replace(/\.$/, '')}` : ''}`;
}

function describe(err: ErrorObject): PathProblem {
  const path = pathOf(err.instancePath);
  const p = err.params as Record<string, unknown>;
  // A failing `propertyNames` sub-rule is about a key: point at it and name it.
  const key = (err as ErrorObject & { propertyName?: string }).propertyName;
  if (key !== undefined) return { path: [...path, key], atKey: true, message: `key ${keyProblem(err, key)}` };
  switch (err.keyword) {
    case 'additionalProperties': {
      const unknown = String(p.additionalProperty);
      const allowed = allowedKeys(err);
      // In a flow mapping `{ type: decimal(10,2) }` YAML splits at the comma and leaves a key like `2)`.
      const hint = /[)>\]]/.test(unknown) ? `; a value with commas inside { } must be quoted, e.g. type: "decimal(10,2)"` : '';
      return {
        path: [...path, unknown],
        atKey: true,
        message: `unknown key '${unknown}'${didYouMean(unknown, allowed)}; allowed keys: ${allowed.join(', ')}${hint}`,
      };
    }
    case 'required':
      return { path, message: `missing required key '${String(p.missingProperty)}'` };
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).map(String);
      const near = typeof err.data === 'string' ? didYouMean(err.data, allowed) : '';
      return { path, message: `${quoteValue(err.data)} is not allowed${near}; use one of: ${allowed.join(', ')}` };
    }
    case 'const':
      return { path, message: `${quoteValue(err.data)} is not allowed; the only value is ${quoteValue(p.allowedValue)}` };
    case 'type':
      return { path, message: `${quoteValue(err.data)} is not ${typeInWords(String(p.type))}` };
    case 'pattern':
      return { path, message: patternMessage(err, err.data) };
    case 'minItems':
      return { path, message: `must have at least ${String(p.limit)} item(s)` };
    case 'maxItems':
      return { path, message: `must have at most ${String(p.limit)} item(s)` };
    case 'minLength':
      return { path, message: `${quoteValue(err.data)} is too short: at least ${String(p.limit)} character(s)` };
    case 'maxLength':
      return { path, message: `${quoteValue(err.data)} is too long: at most ${String(p.limit)} characters` };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { path, message: `${quoteValue(err.data)} is not allowed: it must be ${String(p.comparison)} ${String(p.limit)}` };
    default:
      return { path, message: err.message ?? `fails schema rule '${err.keyword}'` };
  }
}

function keyProblem(err: ErrorObject, key: string): string {
  const p = err.params as Record<string, unknown>;
  if (err.keyword === 'pattern') return patternMessage(err, key);
  if (err.keyword === 'maxLength') return `${quoteValue(key)} is too long: at most ${String(p.limit)} characters`;
  return `${quoteValue(key)} is not allowed (${err.keyword})`;
}
