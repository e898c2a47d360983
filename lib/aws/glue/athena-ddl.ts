/**
 * The template's full Iceberg definition in Athena's DDL (engine version 3): columns, hidden
 * partition transforms and the table properties Athena accepts; everything Athena cannot
 * express is kept as a comment so nothing in the template silently disappears.
 */
import { parseTransform, printIcebergType, printTransform, toGlueType, walkType, type IcebergType, type Transform } from '../../model';
import type { LakehouseTable } from './lakehouse-layout';

/** Words Athena's DDL parser reserves; such identifiers need backticks. */
const DDL_RESERVED = new Set(
  `all alter and array as authorization between bigint binary boolean both by case cashe cast char column conf constraint commit
create cross cube current current_date current_timestamp cursor database date dayofweek decimal delete describe distinct div double
drop else end exchange exists extended external extract false fetch float floor following for foreign from full function grant group
grouping having if import in inner insert int integer intersect interval into is join lateral left less like local macro map more none
not null numeric of on only or order out outer over partialscan partition percent preceding precision preserve primary procedure range
reads reduce regexp references revoke right rlike rollback rollup row rows select set smallint start table tablesample then time
timestamp to transform trigger true truncate unbounded union uniquejoin update user using utc_tmestamp values varchar views when where
window with`.split(/\s+/),
);

/** A DDL identifier, in backticks when it is reserved or not a plain lowercase name. */
export function ddlIdentifier(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) && !DDL_RESERVED.has(name) ? name : `\`${name.replace(/`/g, '``')}\``;
}

/** A DDL string literal (Hive escaping: backslash, quote; line breaks folded). */
export function ddlString(text: string): string {
  return `'${text
    .replace(/\\/g, '\\\\')
    .replace(/'/g, "\\'")
    .replace(/\s*\n\s*/g, ' ')}'`;
}

/** `bucket(16, col)`, `truncate(4, col)`, `day(col)`, bare `col` for identity; undefined for `void`. */
export function athenaPartitionField(column: string, transform: Transform): string | undefined {
  const col = column.split('.').map(ddlIdentifier).join('.');
  switch (transform.kind) {
    case 'identity':
      return col;
    case 'bucket':
      return `bucket(${transform.buckets}, ${col})`;
    case 'truncate':
      return `truncate(${transform.width}, ${col})`;
    case 'void':
      return undefined;
    default:
      return `${transform.kind}(${col})`;
  }
}

const ATHENA_CODECS: Record<string, readonly string[]> = {
  parquet: ['gzip', 'snappy', 'zstd', 'uncompressed'],
  orc: ['lz4', 'snappy', 'zlib', 'zstd', 'none'],
  avro: ['gzip', 'snappy', 'zstd', 'uncompressed'],
};

/** Template properties → Athena TBLPROPERTIES, plus notes for the ones Athena does not accept. */
export function athenaTableProperties(table: LakehouseTable): { properties: [string, string][]; notes: string[] } {
  const props = Object.fromEntries(Object.entries(table.template.properties ?? {}).map(([k, v]) => [k, String(v)]));
  const format = props['write.format.default'] ?? 'parquet';
  const out: [string, string][] = [
    ['table_type', 'ICEBERG'],
    ['format', format],
  ];
  const notes: string[] = [];
  const used = new Set(['write.format.default', 'format-version']);
  const codecKey = `write.${format}.compression-codec`;
  const codec = props[codecKey];
  if (codec !== undefined) {
    used.add(codecKey);
    if (ATHENA_CODECS[format]?.includes(codec)) out.push(['write_compression', codec]);
    else notes.push(`${codecKey}=${codec} (Athena writes ${format} with ${ATHENA_CODECS[format]?.join(', ')} only)`);
  }
  const mapped: [string, string, (v: string) => string][] = [
    ['write.target-file-size-bytes', 'write_target_data_file_size_bytes', (v) => v],
    ['history.expire.max-snapshot-age-ms', 'vacuum_max_snapshot_age_seconds', (v) => String(Math.max(1, Math.ceil(Number(v) / 1000)))],
    ['history.expire.min-snapshots-to-keep', 'vacuum_min_snapshots_to_keep', (v) => v],
    ['write.metadata.previous-versions-max', 'vacuum_max_metadata_files_to_keep', (v) => v],
  ];
  for (const [key, athenaKey, convert] of mapped) {
    if (props[key] === undefined) continue;
    used.add(key);
    out.push([athenaKey, convert(props[key]!)]);
  }
  for (const [key, value] of Object.entries(props).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!used.has(key)) notes.push(`${key}=${value} (not accepted by Athena; set it with Spark or PyIceberg)`);
  }
  if (table.template.formatVersion !== 2) {
    notes.push(`format-version=${table.template.formatVersion} (Athena creates format version 2 tables)`);
  }
  return { properties: out, notes };
}

/** Iceberg types with no exact Hive/Athena DDL equivalent (Athena DDL knows only timestamp without zone). */
const INEXACT = new Set(['timestamptz', 'timestamp_ns', 'timestamptz_ns', 'time', 'uuid', 'variant', 'unknown']);

function losesPrecision(type: IcebergType): boolean {
  let inexact = false;
  walkType(type, (t) => {
    if (t.kind === 'fixed' || (t.kind === 'primitive' && INEXACT.has(t.name))) inexact = true;
  });
  return inexact;
}

/** The CREATE TABLE statement of a table, with its partition spec, in Athena syntax. */
export function athenaCreateTableSql(table: LakehouseTable): string {
  const t = table.template;
  const lines: string[] = [
    `-- ${table.qualifiedName}: the template's Iceberg definition in Athena DDL.`,
    `-- Terraform created this table through Glue without partitions (the AWS provider cannot pass a`,
    `-- partition spec). Use this statement to create the table with its partition spec elsewhere, or`,
    `-- after dropping the empty table; it fails while the table exists.`,
  ];
  for (const c of t.parsedColumns) {
    if (losesPrecision(c.type)) {
      lines.push(`-- column ${c.name} is ${printIcebergType(c.type)} in the template; Athena DDL declares it as ${toGlueType(c.type)}`);
    }
  }
  const columns = t.parsedColumns.map((c) => {
    const comment = c.description ? ` COMMENT ${ddlString(c.description)}` : '';
    return `  ${ddlIdentifier(c.name)} ${toGlueType(c.type)}${comment}`;
  });
  const partitions: string[] = [];
  for (const p of t.partition_spec ?? []) {
    const transform = parseTransform(p.transform)!;
    const field = athenaPartitionField(p.column, transform);
    if (field === undefined) lines.push(`-- partition ${p.column} ${p.transform} is left out (Athena has no void transform)`);
    else partitions.push(field);
    if (p.name !== undefined)
      lines.push(
        `-- partition field ${printTransform(transform)}(${p.column}) is named '${p.name}' in the template (Athena uses Iceberg's default name)`,
      );
  }
  if ((t.sort_order ?? []).length > 0) {
    const order = t.sort_order!.map(
      (s) => `${s.column}${s.transform && s.transform !== 'identity' ? ` ${s.transform}` : ''} ${(s.direction ?? 'asc').toUpperCase()}`,
    );
    lines.push(`-- sort order ${order.join(', ')}: Athena DDL cannot set it (Spark: ALTER TABLE ... WRITE ORDERED BY)`);
  }
  const { properties, notes } = athenaTableProperties(table);
  for (const note of notes) lines.push(`-- property ${note}`);
  lines.push(`CREATE TABLE ${ddlIdentifier(table.database)}.${ddlIdentifier(table.name)} (`, columns.join(',\n'), ')');
  if (partitions.length > 0) lines.push(`PARTITIONED BY (${partitions.join(', ')})`);
  lines.push(`LOCATION '${table.location}'`);
  lines.push('TBLPROPERTIES (', properties.map(([k, v]) => `  '${k}'='${v}'`).join(',\n'), ')');
  return lines.join('\n');
}

/** `"db"."table"` for Athena DML (double quotes are always safe there). */
export function dmlTable(table: LakehouseTable, suffix = ''): string {
  return `"${table.database}"."${table.name}${suffix}"`;
}

/** Time travel to a point in time. */
export function timeTravelTimestampSql(table: LakehouseTable): string {
  return [
    `-- ${table.qualifiedName} as it was one day ago (Iceberg time travel). Use any timestamp, e.g.`,
    `-- FOR TIMESTAMP AS OF TIMESTAMP '2025-01-31 00:00:00 UTC'.`,
    `SELECT * FROM ${dmlTable(table)} FOR TIMESTAMP AS OF (current_timestamp - interval '1' day) LIMIT 100`,
  ].join('\n');
}

/** Time travel to one snapshot. */
export function timeTravelVersionSql(table: LakehouseTable): string {
  return [
    `-- ${table.qualifiedName} at one snapshot. List the snapshot ids first:`,
    `--   SELECT snapshot_id, committed_at, operation FROM ${dmlTable(table, '$snapshots')} ORDER BY committed_at DESC`,
    `-- then put one of them in place of the example id below.`,
    `SELECT * FROM ${dmlTable(table)} FOR VERSION AS OF 1234567890123456789 LIMIT 100`,
  ].join('\n');
}
