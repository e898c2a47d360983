/**
 * Locates each template's table in a synthesized stack: the Glue table (database
 * `<project>_<env>_<namespace>`, table `<name>`: an `aws_glue_catalog_table`, or the
 * table-provisioning function's `aws_lambda_invocation` whose input creates it) and its S3 location;
 * on the Nessie path `<warehouse>/<namespace>/<name>_<uuid>/` under the warehouse location Nessie is
 * configured with (Nessie 0.108 ignores a CreateTableRequest's location: IcebergApiV1TableResource); on GCP the BigQuery table (dataset
 * `<project>_<env>_<namespace>`) and its `storage_uri`. A table's files are represented by sample
 * object names (a data file, a metadata file, a manifest): a policy that reaches any of them
 * reaches table data.
 */
import { restrictedColumns, type LoadedTableTemplate } from '../../model';
import { block, blocks, type StackIndex, type TerraformResource } from '../terraform-json';
import type { Canonicalizer } from './canonical';
import type { AccessTable, Note } from './model';

/** Relative paths standing for a table's files under its location. */
export const SAMPLE_FILES = ['data/00000-0-sample.parquet', 'metadata/00000-sample.metadata.json', 'metadata/snap-0-sample.avro'] as const;
/** Nessie appends `_<uuid>` to a new table's path (NessieModelIceberg.icebergNewEntityBaseLocation). */
export const NESSIE_LOCATION_SUFFIX = '_00000000-0000-4000-8000-000000000000';

type Located = Pick<AccessTable, 'catalog' | 'glue' | 's3Objects' | 'bigquery' | 'gcs' | 'appendOnlyAccepted'>;

/**
 * The label an append-only BigQuery table carries when its environment acknowledges that BigQuery
 * cannot enforce append-only (`gcp.accept_unenforced_append_only`; lib/gcp/biglake-iceberg-table.ts).
 */
export const APPEND_ONLY_ACCEPTED = { key: 'lakehouse-append-only', value: 'unenforced-accepted' } as const;

export interface LocatedTables {
  readonly tables: AccessTable[];
  readonly notes: Note[];
}

export function locateTables(templates: readonly LoadedTableTemplate[], stack: StackIndex, c: Canonicalizer): LocatedTables {
  const notes: Note[] = [];
  const glueTables = stack.ofType('aws_glue_catalog_table');
  const bqTables = stack.ofType('google_bigquery_table');
  const nessie = nessieWarehouse(stack, c);
  const provisioned = provisionedTables(stack, c);
  const provisionedGlue = provisioned.filter((p) => p.catalog === 'glue');
  const glueDbs = glueTables.map((t) => c.text(t.config.database_name));
  const bqDatasets = bqTables.map((t) => c.text(t.config.dataset_id));
  const tables = templates.map((t): AccessTable => {
    const base = {
      key: `${t.namespace}.${t.name}`,
      namespace: t.namespace,
      name: t.name,
      restricted: restrictedColumns(t),
      appendOnly: t.append_only === true,
    };
    const glue = pick(glueTables, glueDbs, t, (r) => c.text(r.config.name));
    if (glue) return { ...base, ...glueTable(glue, stack, c, notes, base.key) };
    const created = pick(
      provisionedGlue,
      provisionedGlue.map((p) => p.namespace),
      t,
      (p) => p.name,
    );
    if (created) return { ...base, ...provisionedGlueTable(created, stack, c) };
    const bq = pick(bqTables, bqDatasets, t, (r) => c.text(r.config.table_id));
    if (bq) return { ...base, ...bigQueryTable(bq, stack, c, notes, base.key) };
    if (nessie) {
      const location = `${nessie.location}/${t.namespace.split('.').join('/')}/${t.name}${NESSIE_LOCATION_SUFFIX}/`;
      return { ...base, catalog: 'nessie', s3Objects: s3Samples(location) };
    }
    notes.push({
      address: base.key,
      message: `no Glue table, BigQuery table or Nessie warehouse for ${base.key} in this stack`,
      unknown: true,
    });
    return { ...base, s3Objects: [] };
  });
  return { tables, notes };
}

/**
 * The resource for a template among tables named like it: the one in `<common prefix><namespace>`
 * when the stack's databases share a prefix, else the one whose database ends with `_<namespace>`.
 */
function pick<T>(resources: readonly T[], containers: readonly string[], t: LoadedTableTemplate, nameOf: (r: T) => string): T | undefined {
  const prefix = commonPrefix([...new Set(containers)]);
  const candidates = resources.map((r, i) => ({ r, container: containers[i]! })).filter(({ r }) => nameOf(r) === t.name);
  const exact = candidates.filter(({ container }) => container === `${prefix}${t.namespace}` || container === t.namespace);
  if (exact.length === 1) return exact[0]!.r;
  const suffix = candidates.filter(({ container }) => container.endsWith(`_${t.namespace}`));
  return suffix.length === 1 ? suffix[0]!.r : undefined;
}

/** Longest common prefix ending in `_` of several names (`acme_lake_dev_`), or '' for fewer than two. */
function commonPrefix(names: readonly string[]): string {
  if (names.length < 2) return '';
  let prefix = names[0]!;
  for (const n of names) while (!n.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix.slice(0, prefix.lastIndexOf('_') + 1);
}

/** `s3://bucket/key/` → canonical object ARNs of the sample files. */
export function s3Samples(location: string): string[] {
  const m = /^s3a?:\/\/([^/]+)\/?(.*)$/.exec(location);
  if (!m) return [];
  const prefix = m[2] === '' || m[2]!.endsWith('/') ? m[2]! : `${m[2]}/`;
  return SAMPLE_FILES.map((f) => `arn:aws:s3:::${m[1]}/${prefix}${f}`);
}

function glueTable(r: TerraformResource, stack: StackIndex, c: Canonicalizer, notes: Note[], key: string): Located {
  const database = c.text(r.config.database_name);
  const db = stack.ofType('aws_glue_catalog_database').find((d) => c.text(d.config.name) === database);
  let location = c.text(block(r.config.storage_descriptor).location);
  if (location === '' && db && typeof db.config.location_uri === 'string') {
    location = `${c.text(db.config.location_uri).replace(/\/?$/, '/')}${c.text(r.config.name)}/`;
  }
  if (location === '')
    notes.push({
      address: r.address,
      message: `${key}: the Glue table has no S3 location; direct S3 access to its files is not evaluated`,
      unknown: true,
    });
  return {
    catalog: 'glue',
    glue: { database, table: c.text(r.config.name), address: r.address, ...(db ? { databaseAddress: db.address } : {}) },
    s3Objects: s3Samples(location),
  };
}

/** A table the table-provisioning function creates: one `aws_lambda_invocation` whose input is the table's desired state. */
interface InvocationTable {
  readonly catalog: string;
  /** The catalog namespace (on Glue the database), levels joined with `.`. */
  readonly namespace: string;
  readonly name: string;
  readonly location: string;
  readonly address: string;
}

/** Every invocation whose input is a desired table state (lib/iceberg-rest/desired-table.ts). */
function provisionedTables(stack: StackIndex, c: Canonicalizer): InvocationTable[] {
  const out: InvocationTable[] = [];
  for (const r of stack.ofType('aws_lambda_invocation')) {
    let input: { catalog?: { kind?: unknown }; namespace?: unknown; table?: { name?: unknown; location?: unknown } };
    try {
      input = typeof r.config.input === 'string' ? (JSON.parse(r.config.input) as typeof input) : {};
    } catch {
      continue; // not a desired table state
    }
    const namespace = Array.isArray(input.namespace) ? input.namespace.map((l) => c.text(l)).join('.') : '';
    const name = c.text(input.table?.name);
    if (typeof input.catalog?.kind !== 'string' || namespace === '' || name === '') continue;
    out.push({ catalog: input.catalog.kind, namespace, name, location: c.text(input.table?.location), address: r.address });
  }
  return out;
}

function provisionedGlueTable(p: InvocationTable, stack: StackIndex, c: Canonicalizer): Located {
  const db = stack.ofType('aws_glue_catalog_database').find((d) => c.text(d.config.name) === p.namespace);
  return {
    catalog: 'glue',
    glue: { database: p.namespace, table: p.name, address: p.address, ...(db ? { databaseAddress: db.address } : {}) },
    s3Objects: s3Samples(p.location),
  };
}

function bigQueryTable(r: TerraformResource, stack: StackIndex, c: Canonicalizer, notes: Note[], key: string): Located {
  const datasetId = c.text(r.config.dataset_id);
  const dataset = stack.ofType('google_bigquery_dataset').find((d) => c.text(d.config.dataset_id) === datasetId);
  const project = typeof r.config.project === 'string' ? c.text(r.config.project) : undefined;
  const external = blocks(r.config.external_data_configuration)[0];
  let uri = c.text(block(r.config.biglake_configuration).storage_uri);
  if (uri === '' && external) {
    // An external Iceberg table names one metadata file: the table's files live above `metadata/`.
    const first = c.text((external.source_uris as unknown[] | undefined)?.[0]);
    uri = first.replace(/metadata\/[^/]*$/, '');
  }
  const m = /^gs:\/\/([^/]+)\/?(.*)$/.exec(uri);
  if (!m)
    notes.push({
      address: r.address,
      message: `${key}: no gs:// storage location; direct Cloud Storage access to its files is not evaluated`,
      unknown: true,
    });
  const prefix = m ? (m[2] === '' || m[2]!.endsWith('/') ? m[2]! : `${m[2]}/`) : '';
  const labels = (r.config.labels ?? {}) as Record<string, unknown>;
  return {
    catalog: 'bigquery',
    ...(c.text(labels[APPEND_ONLY_ACCEPTED.key]) === APPEND_ONLY_ACCEPTED.value ? { appendOnlyAccepted: true } : {}),
    bigquery: { address: r.address, datasetId, ...(dataset ? { datasetAddress: dataset.address } : {}), ...(project ? { project } : {}) },
    s3Objects: [],
    ...(m ? { gcs: { bucket: m[1]!, objects: SAMPLE_FILES.map((f) => `${prefix}${f}`) } } : {}),
  };
}

/** The default warehouse location of a Nessie server defined in the stack (its task definition's environment). */
function nessieWarehouse(stack: StackIndex, c: Canonicalizer): { location: string; address: string } | undefined {
  for (const task of stack.ofType('aws_ecs_task_definition')) {
    const env = containerEnvironment(task.config.container_definitions);
    const locations = [...env.entries()].filter(([k]) => /^NESSIE_CATALOG_WAREHOUSES_.+_LOCATION$/.test(k));
    if (locations.length === 0) continue;
    const wanted = env.get('NESSIE_CATALOG_DEFAULT_WAREHOUSE');
    const chosen =
      locations.find(([k]) => wanted !== undefined && k === `NESSIE_CATALOG_WAREHOUSES_${wanted.toUpperCase()}_LOCATION`) ?? locations[0]!;
    return { location: c.text(chosen[1]).replace(/\/+$/, ''), address: task.address };
  }
  return undefined;
}

/** Environment variables of every container of a task definition (`container_definitions` is a JSON string). */
export function containerEnvironment(definitions: unknown): Map<string, string> {
  const env = new Map<string, string>();
  let parsed: unknown;
  try {
    parsed = typeof definitions === 'string' ? JSON.parse(definitions) : definitions;
  } catch {
    return env;
  }
  for (const container of Array.isArray(parsed) ? parsed : []) {
    for (const e of (container as { environment?: { name?: unknown; value?: unknown }[] }).environment ?? []) {
      if (typeof e.name === 'string' && typeof e.value === 'string') env.set(e.name, e.value);
    }
  }
  return env;
}
