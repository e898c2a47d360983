/**
 * Drift of one live table from its template, by the schema-evolution rules the provisioning
 * function and `lakehouse diff` use (lib/model/schema-evolution.ts) with the template as the base
 * and the live table as the target: a column "added" in the live table is an extra column, one
 * "dropped" is missing, and so on. Fields are matched by name, so tables another engine created
 * with other field ids compare fine. Column docs and column order are not drift (a catalog may
 * drop docs; Iceberg reads columns by id).
 */
import type { TableMetadata } from '../../lib/iceberg-rest/types';
import type { ExpectedTable } from '../../lib/iceberg-rest/drift-check-input';
import {
  compareIcebergSchemas,
  comparePartitionSpecs,
  compareSortOrders,
  DEFAULT_FORMAT_VERSION,
  type SchemaChange,
} from '../../lib/model/schema-evolution';
import { liveDefinition } from '../shared/live-table';

export const DRIFT_KINDS = [
  'table-missing',
  'column-missing',
  'column-extra',
  'type-mismatch',
  'nullability-mismatch',
  'partition-spec',
  'sort-order',
  'property',
] as const;
export type DriftKind = (typeof DRIFT_KINDS)[number];

export interface DriftDifference {
  readonly kind: DriftKind;
  /** Column path (`a.b`, `m.value`), partition/sort source column, property key, or '' for the table. */
  readonly path: string;
  /** What the template says, when it says something. */
  readonly expected?: string;
  /** What the live table has, when it has something. */
  readonly actual?: string;
  readonly message: string;
}

const q = (path: string) => `'${path}'`;

/** Every difference between a live table and its template; `metadata` undefined = the table is not in the catalog. */
export function tableDrift(expected: ExpectedTable, metadata: TableMetadata | undefined): DriftDifference[] {
  if (!metadata) {
    return [{ kind: 'table-missing', path: '', message: `table ${expected.key} is not in the catalog (dropped outside Terraform?)` }];
  }
  const live = liveDefinition(metadata);
  const wanted = expected.definition;
  const schema = compareIcebergSchemas(wanted.schema, live.schema, { formatVersion: live.formatVersion }).flatMap(schemaDrift);
  const spec = comparePartitionSpecs(
    { schema: wanted.schema, fields: wanted['partition-spec'].fields },
    { schema: live.schema, fields: live.spec.fields },
  ).map((c) => layoutDrift('partition-spec', c));
  const order = compareSortOrders(
    { schema: wanted.schema, fields: wanted['sort-order'].fields },
    { schema: live.schema, fields: live.order.fields },
  ).map((c) => layoutDrift('sort-order', c));
  return [...schema, ...spec, ...order, ...propertyDrift(wanted.properties, live.properties, live.formatVersion)];
}

function schemaDrift(c: SchemaChange): DriftDifference[] {
  switch (c.kind) {
    case 'column-added-optional':
    case 'column-added-required':
      return [
        {
          kind: 'column-extra',
          path: c.path,
          actual: c.to,
          message: `column ${q(c.path)} (${c.to}) is in the live table but not in the template`,
        },
      ];
    case 'column-dropped':
      return [
        {
          kind: 'column-missing',
          path: c.path,
          expected: c.from,
          message: `column ${q(c.path)} (${c.from}) of the template is missing from the live table`,
        },
      ];
    case 'required-to-optional':
    case 'optional-to-required': {
      const [expected, actual] = c.kind === 'required-to-optional' ? ['required', 'optional'] : ['optional', 'required'];
      return [
        {
          kind: 'nullability-mismatch',
          path: c.path,
          expected,
          actual,
          message: `${q(c.path)} is ${actual} in the live table; the template says ${expected}`,
        },
      ];
    }
    case 'doc-changed':
    case 'column-reordered':
      return [];
    default:
      // Every kind of type change: widened, narrowed, changed, decimal scale, nested, map key.
      return [
        {
          kind: 'type-mismatch',
          path: c.path,
          expected: c.from,
          actual: c.to,
          message: `${q(c.path)} is ${c.to} in the live table; the template says ${c.from}`,
        },
      ];
  }
}

/** Partition and sort fields are matched by source column and transform; the template is the base. */
function layoutDrift(kind: 'partition-spec' | 'sort-order', c: SchemaChange): DriftDifference {
  const what = kind === 'partition-spec' ? 'partition field' : 'sort field';
  const field = c.transform !== undefined ? `${c.transform}(${c.path})` : c.path;
  const text: Partial<Record<SchemaChange['kind'], string>> = {
    'partition-field-added': `${what} ${field} is in the live table's partition spec but not in the template`,
    'partition-field-removed': `${what} ${field} of the template is not in the live table's partition spec`,
    'partition-field-renamed': `${what} ${field} has another name in the live table than in the template`,
    'sort-field-added': `${what} ${field} is in the live table's sort order but not in the template`,
    'sort-field-removed': `${what} ${field} of the template is not in the live table's sort order`,
    'sort-field-changed': `${what} ${field} sorts differently in the live table than in the template`,
  };
  const message =
    text[c.kind] ?? `the live table's ${kind === 'partition-spec' ? 'partition' : 'sort'} fields are in another order than the template's`;
  return { kind, path: c.path, message };
}

/**
 * Properties the template sets, and the format version. Properties a catalog or engine added on
 * its own are not drift (Glue and Nessie add their own; writers add commit settings).
 */
function propertyDrift(
  wanted: Readonly<Record<string, string>>,
  live: Readonly<Record<string, string>>,
  formatVersion: number,
): DriftDifference[] {
  const out: DriftDifference[] = [];
  const wantedVersion = wanted['format-version'] ?? String(DEFAULT_FORMAT_VERSION);
  if (String(formatVersion) !== wantedVersion) {
    out.push({
      kind: 'property',
      path: 'format-version',
      expected: wantedVersion,
      actual: String(formatVersion),
      message: `the live table is format version ${formatVersion}; the template says ${wantedVersion}`,
    });
  }
  const keys = Object.keys(wanted)
    .filter((k) => k !== 'format-version')
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const key of keys) {
    const actual = live[key];
    if (actual === wanted[key]) continue;
    out.push({
      kind: 'property',
      path: key,
      expected: wanted[key],
      ...(actual !== undefined ? { actual } : {}),
      message:
        actual === undefined
          ? `property ${key} is not set on the live table; the template sets ${JSON.stringify(wanted[key])}`
          : `property ${key} is ${JSON.stringify(actual)} on the live table; the template sets ${JSON.stringify(wanted[key])}`,
    });
  }
  return out;
}
