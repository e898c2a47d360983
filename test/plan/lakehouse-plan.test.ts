import { describe, expect, it } from 'vitest';
import { toIcebergTableJson } from '../../lib/model/mappings/iceberg-json';
import { folderUri, joinKey, objectStoreUri, planLakehouse, tablePlan, TIER_RIGHTS, trimSlashes } from '../../lib/plan';
import { awsEnvironment, gcpEnvironment, shippedTemplates } from '../support/synth';

describe('planLakehouse', () => {
  const plan = planLakehouse(awsEnvironment('glue'), [...shippedTemplates()].reverse());

  it('sorts tables by namespace, then name, whatever the input order', () => {
    expect(plan.tables.map((t) => t.key)).toEqual(shippedTemplates().map((t) => `${t.namespace}.${t.name}`));
    expect(plan.namespaces.map((n) => n.namespace)).toEqual(['analytics', 'compliance', 'core', 'ml', 'pg_archive_sync']);
  });

  it('places each table under <warehouse>/<namespace>/<table>/ in the database <project>_<env>_<namespace>', () => {
    const t = tablePlan(plan, 'core.customer_dim');
    expect(t).toMatchObject({
      database: 'acme_test_core',
      qualifiedName: 'acme_test_core.customer_dim',
      keyPrefix: 'warehouse/core/customer_dim',
      location: 's3://acme-test-lakehouse/warehouse/core/customer_dim/',
    });
    expect(plan.storage).toEqual({
      scheme: 's3',
      bucketName: 'acme-test-lakehouse',
      warehousePrefix: 'warehouse',
      warehouseLocation: 's3://acme-test-lakehouse/warehouse',
    });
  });

  it('uses gs:// on Google Cloud and the same key layout', () => {
    const gcp = planLakehouse(gcpEnvironment(), shippedTemplates());
    expect(tablePlan(gcp, 'core.customer_dim').location).toBe('gs://acme-test-lakehouse/warehouse/core/customer_dim/');
  });

  it('carries the Iceberg JSON, restricted columns and append-only flag of each template', () => {
    for (const t of plan.tables) {
      expect(t.iceberg).toEqual(toIcebergTableJson(t.template));
      expect(t.restrictedColumns).toEqual(t.template.columns.filter((c) => c.access_level === 'restricted').map((c) => c.name));
      expect(t.appendOnly).toBe(t.template.append_only === true);
    }
    expect(tablePlan(plan, 'analytics.event_stream').restrictedColumns).toEqual(['user_id', 'ip_address']);
    expect(plan.namespaces.find((n) => n.namespace === 'compliance')!.allAppendOnly).toBe(true);
  });

  it('states the tier rights once', () => {
    expect(plan.tiers.reader.rights).toEqual(TIER_RIGHTS.reader);
    expect(TIER_RIGHTS.reader).toEqual({ read: 'public', write: false, alter: 'none', delete: false });
    expect(TIER_RIGHTS.writer.alter).toBe('commit');
  });

  it('refuses two templates defining one table, naming both files', () => {
    const t = shippedTemplates()[0]!;
    expect(() => planLakehouse(awsEnvironment('glue'), [t, { ...t, file: 'copy.yaml' }])).toThrow(
      `copy.yaml: name: table '${t.namespace}.${t.name}' is already defined in ${t.file}`,
    );
  });
});

describe('object store paths', () => {
  it('trims and joins key prefixes one way', () => {
    expect(trimSlashes('//a/b/')).toBe('a/b');
    expect(joinKey('/warehouse/', '', 'ns', 't/')).toBe('warehouse/ns/t');
    expect(objectStoreUri('s3', 'b', '')).toBe('s3://b');
    expect(objectStoreUri('gs', 'b', '/w/')).toBe('gs://b/w');
    expect(folderUri('s3', '${aws_s3_bucket.x.bucket}', 'w/ns/t')).toBe('s3://${aws_s3_bucket.x.bucket}/w/ns/t/');
  });
});
