import { beforeAll, describe, expect, it } from 'vitest';
import { maintenancePlan } from '../../../lib/aws/glue';
import { parsePolicy, resourcesOf } from '../../support/synth';
import { ALL_TEMPLATES, BUCKET, logicalId, roleStatements, synthGlue, template, type Synthesized } from './glue-fixtures';

const byName = (name: string) => ALL_TEMPLATES().find((t) => t.name === name)!;

describe('maintenance plan per template', () => {
  it('derives snapshot retention from history.expire.* (audit trail: 7 years, 100 snapshots) and keeps its orphan window', () => {
    expect(maintenancePlan(byName('audit_trail'))).toEqual({
      compaction: false,
      retention: { snapshotRetentionPeriodInDays: 2557, numberOfSnapshotsToRetain: 100, cleanExpiredFiles: true },
      orphanFileDeletion: { orphanFileRetentionPeriodInDays: 7 },
      source: 'template',
    });
  });

  it('turns on compaction when the template asks, with retention and orphan deletion defaulting on', () => {
    expect(maintenancePlan(byName('event_stream'))).toEqual({
      compaction: true,
      retention: { snapshotRetentionPeriodInDays: 7, numberOfSnapshotsToRetain: 5, cleanExpiredFiles: true },
      orphanFileDeletion: { orphanFileRetentionPeriodInDays: 3 },
      source: 'template',
    });
    // No history.expire.*: Iceberg's defaults (5 days, 1 snapshot).
    expect(maintenancePlan(byName('customer_dim'))!.retention).toEqual({
      snapshotRetentionPeriodInDays: 5,
      numberOfSnapshotsToRetain: 1,
      cleanExpiredFiles: true,
    });
  });

  it('gives append-only tables without a block all three optimizers, and other tables none', () => {
    const log = template('name: clicks\nnamespace: web\nappend_only: true\ncolumns:\n  - { name: id, type: long }\n');
    expect(maintenancePlan(log)).toEqual({
      compaction: true,
      retention: { snapshotRetentionPeriodInDays: 5, numberOfSnapshotsToRetain: 1, cleanExpiredFiles: true },
      orphanFileDeletion: { orphanFileRetentionPeriodInDays: 3 },
      source: 'append-only default',
    });
    expect(maintenancePlan(byName('customer_features'))).toBeUndefined();
    expect(maintenancePlan(byName('orders_nested'))).toBeUndefined();
  });

  it('compacts Parquet only: no default compaction for other formats, an error when a template asks for it', () => {
    const orc = (block: string) =>
      template(
        `name: logs\nnamespace: web\nappend_only: true\ncolumns:\n  - { name: id, type: long }\nproperties:\n  write.format.default: orc\n${block}`,
        'logs.yaml',
      );
    expect(maintenancePlan(orc(''))!.compaction).toBe(false);
    expect(() => synthGlue({ templates: [orc('maintenance:\n  compaction: true\n')] })).toThrow(
      /maintenance\.compaction: needs Parquet data files \(write\.format\.default is orc\)/,
    );
  });

  it('honours a block that turns everything off', () => {
    const off = template(
      'name: quiet\nnamespace: web\nappend_only: true\ncolumns:\n  - { name: id, type: long }\nmaintenance:\n  snapshot_retention: false\n  orphan_file_deletion: false\n',
    );
    expect(maintenancePlan(off)).toBeUndefined();
  });
});

describe('Glue table optimizers', () => {
  let s: Synthesized;
  beforeAll(() => {
    s = synthGlue();
  });

  // Optimizers name their table (the function creates it) and wait for the invocation that does.
  const optimizers = () =>
    Object.values(resourcesOf(s.json, 'aws_glue_catalog_table_optimizer')).map(
      (o) => ({ table: o.table_name as string, ...o }) as Record<string, any>,
    );
  const invocationOf = (table: string) => {
    const [id] = Object.entries(resourcesOf(s.json, 'aws_lambda_invocation')).find(
      ([, r]) => (JSON.parse(r.input as string) as { table: { name: string } }).table.name === table,
    )!;
    return `aws_lambda_invocation.${id}`;
  };

  it('creates exactly the optimizers the plans ask for', () => {
    const got = optimizers()
      .map((o) => `${o.table}:${o.type}`)
      .sort();
    const expected = ALL_TEMPLATES().flatMap((t) => {
      const p = maintenancePlan(t);
      if (!p) return [];
      return [
        ...(p.compaction ? [`${t.name}:compaction`] : []),
        ...(p.retention ? [`${t.name}:retention`] : []),
        ...(p.orphanFileDeletion ? [`${t.name}:orphan_file_deletion`] : []),
      ];
    });
    expect(got).toEqual(expected.sort());
    expect(got).toContain('audit_trail:retention');
    expect(got).not.toContain('audit_trail:compaction');
    expect(got).not.toContain('customer_features:retention');
  });

  it('configures retention and orphan deletion from the plan, run by the optimizer role', () => {
    const roleId = logicalId(s.json, 'aws_iam_role', (r) => r.name === 'acme-test-lakehouse-optimizer');
    const audit = optimizers().filter((o) => o.table === 'audit_trail');
    const retention = audit.find((o) => o.type === 'retention')!;
    expect(retention.configuration).toEqual([
      {
        enabled: true,
        role_arn: `\${aws_iam_role.${roleId}.arn}`,
        retention_configuration: [
          {
            iceberg_configuration: [
              { snapshot_retention_period_in_days: 2557, number_of_snapshots_to_retain: 100, clean_expired_files: true },
            ],
          },
        ],
      },
    ]);
    const orphans = audit.find((o) => o.type === 'orphan_file_deletion')!;
    expect(orphans.configuration[0].orphan_file_deletion_configuration).toEqual([
      { iceberg_configuration: [{ orphan_file_retention_period_in_days: 7 }] },
    ]);
    expect(retention.catalog_id).toMatch(/^\$\{data\.aws_caller_identity\./);
    // Created only once the role's policy is attached and Lake Formation lets it touch the table.
    expect(retention.depends_on.some((d: string) => d.startsWith('aws_iam_role_policy_attachment.'))).toBe(true);
    expect(retention.depends_on.some((d: string) => d.startsWith('aws_lakeformation_permissions.'))).toBe(true);
    // ... and after the table exists; destroyed before it is dropped.
    for (const o of optimizers()) expect(o.depends_on).toContain(invocationOf(o.table));
    expect(retention.database_name).toMatch(/^\$\{aws_glue_catalog_database\.[^.]+\.name\}$/);
  });

  it('gives the optimizer role a Glue trust, least-privilege IAM and Lake Formation grants on maintained tables only', () => {
    const role = Object.values(resourcesOf(s.json, 'aws_iam_role')).find((r) => r.name === 'acme-test-lakehouse-optimizer')!;
    expect(parsePolicy(role.assume_role_policy).Statement[0]!.Principal).toEqual({ Service: 'glue.amazonaws.com' });
    const roleId = logicalId(s.json, 'aws_iam_role', (r) => r.name === 'acme-test-lakehouse-optimizer');
    const statements = roleStatements(s.json, roleId);
    const sid = (id: string) => statements.find((x) => x.Sid === id)!;
    expect(sid('GlueTables').Action).toEqual(['glue:GetTable', 'glue:UpdateTable']);
    expect(sid('TableFiles').Resource).toEqual(
      ['analytics', 'compliance', 'core', 'pg_archive_sync'].map((ns) => `arn:aws:s3:::${BUCKET}/warehouse/${ns}/*`),
    );
    expect(sid('OptimizerLogs').Resource).toHaveLength(3);
    for (const st of statements) for (const a of [st.Action].flat()) expect(a).not.toContain('*');

    const grants = Object.values(resourcesOf(s.json, 'aws_lakeformation_permissions')).filter(
      (g) => g.principal === `\${aws_iam_role.${roleId}.arn}`,
    );
    expect(grants).toHaveLength(ALL_TEMPLATES().filter((t) => maintenancePlan(t)).length);
    for (const g of grants) expect(g.permissions).toEqual(['ALTER', 'DELETE', 'DESCRIBE', 'INSERT', 'SELECT']);
  });

  it('creates no optimizer role when no table needs maintenance', () => {
    const t = synthGlue({ templates: [byName('customer_features')] });
    expect(Object.values(resourcesOf(t.json, 'aws_iam_role')).map((r) => r.name)).not.toContain('acme-test-lakehouse-optimizer');
    expect(resourcesOf(t.json, 'aws_glue_catalog_table_optimizer')).toEqual({});
  });
});
