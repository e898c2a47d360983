/**
 * The desired state of one table, computed at synthesis and sent to the table-provisioning function
 * as the `input` of its `aws_lambda_invocation` (one per table). It carries everything the function
 * needs and no secret: an OAuth2 client secret is named by its Secrets Manager ARN.
 */
import type { CreateTableRequest, Namespace } from './types';

export type CatalogAuthSettings =
  | { readonly type: 'none' }
  /** SigV4 with the function's execution role (AWS Glue: service `glue`). */
  | { readonly type: 'sigv4'; readonly region: string; readonly service: string }
  /** OAuth2 client credentials; the secret is read from Secrets Manager at run time. */
  | {
      readonly type: 'oauth2';
      readonly tokenUri: string;
      readonly clientId: string;
      readonly clientSecretArn: string;
      readonly scope?: string;
    };

export interface CatalogSettings {
  /** Which catalog (messages and catalog-specific rules). */
  readonly kind: 'glue' | 'nessie';
  /** Base URI of the Iceberg REST API, e.g. `https://glue.eu-west-1.amazonaws.com/iceberg`. */
  readonly uri: string;
  /**
   * DNS name to connect to instead of the URI's host, which stays the TLS server name, the name the
   * certificate must cover and the Host header (https only; see connect-to.ts). Nessie: the load
   * balancer's DNS name while the URI names `nessie.host_name`. Absent: the URI's host.
   */
  readonly connectTo?: string;
  /** `?warehouse=` for GET /v1/config (Glue: the catalog id = account id; Nessie: the warehouse name). */
  readonly warehouse?: string;
  /** Path prefix used when the catalog's configuration sets none (Glue: `catalogs/<account id>`). */
  readonly prefix?: string;
  readonly auth: CatalogAuthSettings;
  /** Create a missing namespace (Nessie); false where Terraform owns namespaces (Glue databases). */
  readonly createNamespaces: boolean;
}

export const DESIRED_TABLE_STATE_VERSION = 1;

export interface DesiredTableState {
  readonly version: typeof DESIRED_TABLE_STATE_VERSION;
  readonly catalog: CatalogSettings;
  readonly namespace: Namespace;
  /** The table as created: name, location, schema, partition spec, write order, properties. */
  readonly table: CreateTableRequest;
  /** Refuse to drop the table when its template is removed. */
  readonly protectData: boolean;
  /**
   * Raised to make Terraform invoke every table again (an update that re-checks the live table),
   * e.g. after an update failed: Terraform keeps a failed update's input in its state. Absent = 0.
   */
  readonly revision?: number;
}

/** Problems with a value that should be a {@link DesiredTableState}, one sentence each (empty when valid). */
export function desiredTableStateProblems(value: unknown, where = 'input'): string[] {
  if (!isObject(value)) return [`${where} must be a JSON object`];
  const problems: string[] = [];
  if (value.version !== DESIRED_TABLE_STATE_VERSION) {
    problems.push(
      `${where}.version must be ${DESIRED_TABLE_STATE_VERSION} (got ${JSON.stringify(value.version)}); the function and the stack are from different releases`,
    );
  }
  problems.push(...catalogSettingsProblems(value.catalog, `${where}.catalog`));
  if (!Array.isArray(value.namespace) || value.namespace.length === 0 || !value.namespace.every((l) => typeof l === 'string' && l !== '')) {
    problems.push(`${where}.namespace must be a non-empty list of non-empty strings`);
  }
  const table = value.table;
  if (!isObject(table) || typeof table.name !== 'string' || table.name === '' || !isObject(table.schema)) {
    problems.push(`${where}.table must be a CreateTableRequest with a name and a schema`);
  }
  if (typeof value.protectData !== 'boolean') problems.push(`${where}.protectData must be true or false`);
  if (value.revision !== undefined && !(Number.isInteger(value.revision) && (value.revision as number) >= 0)) {
    problems.push(`${where}.revision must be a whole number >= 0`);
  }
  return problems;
}

/** Problems with a value that should be {@link CatalogSettings}, one sentence each. */
export function catalogSettingsProblems(catalog: unknown, where: string): string[] {
  if (!isObject(catalog)) return [`${where} must be an object`];
  const problems: string[] = [];
  if (catalog.kind !== 'glue' && catalog.kind !== 'nessie') problems.push(`${where}.kind must be 'glue' or 'nessie'`);
  if (typeof catalog.uri !== 'string' || !/^https?:\/\//.test(catalog.uri)) problems.push(`${where}.uri must be an http(s) URL`);
  if (catalog.connectTo !== undefined) {
    if (typeof catalog.connectTo !== 'string' || !/^[^\s/:@]+$/.test(catalog.connectTo)) {
      problems.push(`${where}.connectTo must be a host name (no scheme, port, path or user)`);
    } else if (typeof catalog.uri === 'string' && !catalog.uri.startsWith('https://')) {
      problems.push(`${where}.connectTo needs an https uri: the connection must prove it reached the uri's host`);
    }
  }
  if (typeof catalog.createNamespaces !== 'boolean') problems.push(`${where}.createNamespaces must be true or false`);
  const auth = catalog.auth;
  if (!isObject(auth)) return [...problems, `${where}.auth must be an object`];
  if (auth.type === 'sigv4') {
    if (typeof auth.region !== 'string' || typeof auth.service !== 'string')
      problems.push(`${where}.auth needs region and service for sigv4`);
  } else if (auth.type === 'oauth2') {
    for (const key of ['tokenUri', 'clientId', 'clientSecretArn']) {
      if (typeof auth[key] !== 'string' || auth[key] === '') problems.push(`${where}.auth.${key} is required for oauth2`);
    }
  } else if (auth.type !== 'none') {
    problems.push(`${where}.auth.type must be 'none', 'sigv4' or 'oauth2'`);
  }
  return problems;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
