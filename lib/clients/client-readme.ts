import type { EngineSettings } from './engine-settings';
import { CLIENT_OUTPUTS, outputPlaceholder } from './outputs';

const WHO: Record<EngineSettings['catalog'], string[]> = {
  glue: [
    'Athena applies the Lake Formation grants: readers see every column except the `restricted` ones.',
    'Spark, PyIceberg and Trino read Parquet files from S3 directly with their own AWS credentials; Lake',
    'Formation column filters do not apply to them. Use a role of the writer or admin tier (readers',
    'have no S3 access to table files on purpose), or query through Athena.',
  ],
  nessie: [
    'Nessie neither signs S3 requests nor vends credentials here: every engine reads and writes table',
    'files with its own AWS identity: assume the tier role (`<project>-<env>-lakehouse-reader|writer|admin`)',
    'or a role given a tier with `grantRead` / `grantWrite` / `grantAdmin`. Nessie has no column-level',
    'security: the reader tier reads only the tables without restricted columns, by their S3 prefixes.',
  ],
  biglake: [
    'BigQuery-managed Iceberg tables are written only through BigQuery: SQL, load jobs, or the Storage',
    'Write API (Spark BigQuery connector, options in spark-defaults.conf). PyIceberg, Spark (Iceberg)',
    'and Trino read them, read-only, through BigQuery catalog federation (`.pyiceberg.yaml`, the',
    '`spark.sql.catalog.*` keys, `trino/iceberg.properties`): they need `roles/biglake.viewer` on the',
    'project and object read on the bucket, and they see every column: policy tags and masking apply',
    'only inside BigQuery. Never write files under a managed table folder. External tables',
    '(`mode: external`) are read-only in BigQuery and not served by the federation; the engine that',
    'owns their metadata reads and writes them.',
  ],
};

/** What `tables/<namespace>.<table>.json` is, per catalog: the template's schema, or more. */
const TABLE_JSON: Record<EngineSettings['catalog'], string[]> = {
  glue: [
    '- `tables/<namespace>.<table>.json`: the Iceberg schema (field ids), partition spec and sort order of',
    '  each table, exactly as the table-provisioning function creates it on apply. A table an earlier',
    "  version created through Glue's CREATE keeps columns stored as their Hive type (`uuid` → `string`,",
    '  `timestamptz` → `timestamp`, ...): compare names and types with `load_table(...).schema()` there.',
  ],
  nessie: [
    '- `tables/<namespace>.<table>.json`: the Iceberg schema (field ids), partition spec and sort order of',
    '  each table, exactly as the table-provisioning function creates it on apply.',
  ],
  biglake: [
    '- `tables/<namespace>.<table>.json`: the Iceberg schema (field ids), partition spec and sort order the',
    '  template describes. BigQuery assigns its own ids and writes Iceberg types from BigQuery types',
    '  (`int` → `long`, `float` → `double`, `uuid`/`fixed` → `binary`, maps as lists of key/value',
    '  records); partition spec and sort order are not applied: the table is clustered on the partition',
    '  and sort columns instead. Read the real schema from the catalog.',
  ],
};

/** Who may use the catalog itself: the OAuth2 tiers, or anyone on the network without authentication. */
function nessieAccess(settings: EngineSettings): string[] {
  const oauth = settings.catalog === 'nessie' ? settings.identifiers.oauth : undefined;
  if (!oauth)
    return [
      'Nessie runs without authentication (`nessie.auth.mode: none`): anyone who can reach the load',
      'balancer can read and change every table and branch.',
    ];
  const lines = [
    `Nessie requires OAuth2 tokens (${oauth.mode}). These files authenticate as the \`${oauth.settings_tier}\` tier: replace the`,
    '`<credential from: ...>` placeholders with the output of the command they name (your AWS identity',
    'must be listed in `nessie.auth.secret_readers`). Never commit the filled-in files. Other tiers:',
    '',
  ];
  for (const [client, c] of Object.entries(oauth.clients))
    lines.push(`- \`${client}\`: scope \`${c!.scope}\`${c!.secret_name ? `, secret \`${c!.secret_name}\`` : ''}`);
  return [
    ...lines,
    '',
    'Readers read; writers commit to existing tables on `main` (and the branches the environment lists);',
    'admins do everything.',
  ];
}

/** `pip install` line and why, per catalog. */
function pythonInstall(settings: EngineSettings): string[] {
  const why: Record<EngineSettings['catalog'], string> = {
    glue: 'the Glue catalog needs boto3 (`glue`); PyArrow reads the files.',
    nessie: 'Nessie sets `py-io-impl=pyiceberg.io.fsspec.FsspecFileIO` in every table, which reads S3 through `s3fs`.',
    biglake: 'Google authentication needs `google-auth` (`gcp-auth`); PyArrow reads `gs://` files.',
  };
  return settings.pyicebergRequirement
    ? ['', `PyIceberg: \`pip install "${settings.pyicebergRequirement}"\`: ${why[settings.catalog]}`]
    : [];
}

/** The README written next to the exported files: what each file is and which values come after apply. */
export function clientReadme(settings: EngineSettings, files: readonly string[]): string {
  const stack = settings.environment;
  const pending = settings.pendingOutputs
    .map((o) => `- \`${outputPlaceholder(o, stack)}\`: run \`cdktf output ${stack}\` after`)
    .map((l) => `${l} \`cdktf deploy ${stack}\` and re-run the export with the value (e.g. \`--nessie-url\`).`);
  const lines = [
    `# Client settings for environment \`${stack}\` (catalog: ${settings.catalog})`,
    '',
    'Generated by `lakehouse export`; re-run it after changing templates or the environment. Files are',
    'overwritten; files this export no longer produces are removed.',
    '',
    '## Files',
    '',
    ...files
      .filter((f) => !f.startsWith('tables/'))
      .sort()
      .map((f) => `- \`${f}\``),
    ...TABLE_JSON[settings.catalog],
    ...pythonInstall(settings),
    '',
    '## Values known only after apply',
    '',
    ...(pending.length > 0
      ? pending
      : ['None: every value here derives from the environment file. `cdktf output ' + stack + '` shows the same settings.']),
    '',
    `The stack also exposes these settings as outputs \`${CLIENT_OUTPUTS.engineSettings}\` and \`${CLIENT_OUTPUTS.identifiers}\`.`,
    '',
    '## Who can read and write',
    '',
    ...WHO[settings.catalog],
    ...(settings.catalog === 'nessie' ? ['', ...nessieAccess(settings)] : []),
    '',
    'See docs/clients.md for step-by-step use in each engine.',
  ];
  return `${lines.join('\n')}\n`;
}
