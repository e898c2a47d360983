import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import type { PathProblem, PathSegment } from './problems';
import * as precompiled from './schemas/validators.generated';

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
    if (err.keyword === 'if' || err.keyword === 'anyOf' || err.keyword === 'oneOf') continue;
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

function allowedKeys(err: ErrorObject): string {
  const props = (err.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
  return props ? Object.keys(props).join(', ') : '';
}

function describe(err: ErrorObject): PathProblem {
  const path = pathOf(err.instancePath);
  const p = err.params as Record<string, unknown>;
  const schema = err.parentSchema as { description?: string; pattern?: string } | undefined;
  switch (err.keyword) {
    case 'additionalProperties': {
      const key = String(p.additionalProperty);
      // In a flow mapping `{ type: decimal(10,2) }` YAML splits at the comma and leaves a key like `2)`.
      const hint = /[)>\]]/.test(key) ? `; a value with commas inside { } must be quoted, e.g. type: "decimal(10,2)"` : '';
      return {
        path: [...path, key],
        atKey: true,
        message: `unknown key '${key}'; allowed keys: ${allowedKeys(err)}${hint}`,
      };
    }
    case 'required':
      return { path, message: `missing required key '${String(p.missingProperty)}'` };
    case 'enum':
      return { path, message: `must be one of: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` };
    case 'const':
      return { path, message: `must be ${JSON.stringify(p.allowedValue)}` };
    case 'type':
      return { path, message: `must be ${String(p.type).replace(/,/g, ' or ')}` };
    case 'pattern':
      return {
        path,
        message: `does not match the allowed form${schema?.description ? ` (${schema.description})` : ''}: /${String(p.pattern)}/`,
      };
    case 'propertyNames':
      return { path, message: `has an invalid key '${String(p.propertyName)}'` };
    case 'minItems':
      return { path, message: `must have at least ${String(p.limit)} item(s)` };
    case 'maxItems':
      return { path, message: `must have at most ${String(p.limit)} item(s)` };
    case 'minLength':
      return { path, message: `must be at least ${String(p.limit)} character(s) long` };
    case 'maxLength':
      return { path, message: `must be at most ${String(p.limit)} character(s) long` };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { path, message: `must be ${String(p.comparison)} ${String(p.limit)}` };
    default:
      return { path, message: err.message ?? `fails schema rule '${err.keyword}'` };
  }
}
