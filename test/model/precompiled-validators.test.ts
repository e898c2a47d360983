import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { schemaProblems, validateTableTemplateSchema } from '../../lib/model/schema-check';
import {
  environmentTypesSource,
  GENERATED_TYPES_PATH,
  GENERATED_VALIDATORS_PATH,
  validatorsModuleSource,
} from '../../scripts/generate-validators';

describe('precompiled schema validators', () => {
  it('are up to date with the JSON Schemas and the installed ajv (run `npm run generate` when this fails)', () => {
    expect(readFileSync(GENERATED_VALIDATORS_PATH, 'utf8') === validatorsModuleSource()).toBe(true);
  });

  it('the environment file type is generated from its JSON Schema (run `npm run generate` when this fails)', () => {
    expect(readFileSync(GENERATED_TYPES_PATH, 'utf8')).toBe(environmentTypesSource());
    // Every key of the schema is in the type, required ones without '?'.
    expect(environmentTypesSource()).toMatch(/^ {2}name: string;$/m);
    expect(environmentTypesSource()).toMatch(/^ {6}path: string;$/m);
    expect(environmentTypesSource()).toMatch(/^ {4}object_lock\?: "none" \| "governance" \| "compliance";$/m);
  });

  it('report every violation with the schema node that failed (allErrors and verbose are compiled in)', () => {
    const problems = schemaProblems(validateTableTemplateSchema, { name: 'Bad-Name', namespace: 'core', columns: [], extra: 1 });
    expect(problems.map((p) => p.keyword).sort()).toEqual(['additionalProperties', 'minItems', 'pattern']);
    // The allowed keys come from the failing node's parent schema, which only `verbose` provides.
    expect(problems.find((p) => p.keyword === 'additionalProperties')?.message).toMatch(/allowed keys: name, namespace, .*columns/);
  });
});
