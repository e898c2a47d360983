import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const REQUEST_SCHEMA_PATH = resolve(__dirname, '..', '..', 'lib', 'iceberg-rest', 'schemas', 'iceberg-rest-requests.schema.json');

export type RequestKind = 'CreateNamespaceRequest' | 'CreateTableRequest' | 'CommitTableRequest';

let validators: Record<RequestKind, ValidateFunction> | undefined;

/** Validators for the request bodies the client sends, compiled once from the project's JSON Schema (strict mode). */
export function requestValidators(): Record<RequestKind, ValidateFunction> {
  if (validators) return validators;
  const schema = JSON.parse(readFileSync(REQUEST_SCHEMA_PATH, 'utf8')) as { $id: string };
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  ajv.addSchema(schema);
  const get = (name: RequestKind): ValidateFunction => {
    const v = ajv.getSchema(`${schema.$id}#/$defs/${name}`);
    if (!v) throw new Error(`no $defs/${name} in ${REQUEST_SCHEMA_PATH}`);
    return v;
  };
  validators = {
    CreateNamespaceRequest: get('CreateNamespaceRequest'),
    CreateTableRequest: get('CreateTableRequest'),
    CommitTableRequest: get('CommitTableRequest'),
  };
  return validators;
}

/** The schema violations of a request body, one line each (empty when valid). */
export function requestProblems(kind: RequestKind, body: unknown): string[] {
  const validate = requestValidators()[kind];
  return validate(body)
    ? []
    : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}
