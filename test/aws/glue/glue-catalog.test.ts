import { beforeAll, describe, expect, it } from 'vitest';
import { toGlueType } from '../../../lib/model';
import { glueTableParameters, ICEBERG_OWNED_ATTRIBUTES } from '../../../lib/aws/glue';
import { resourcesOf } from '../../support/synth';
import { ALL_TEMPLATES, BUCKET, NESTED, byName, synthGlue, type Synthesized } from './glue-fixtures';

const tablesByQualifiedName = (s: Synthesized) => {
  const dbIds = Object.fromEntries(Object.entries(resourcesOf(s.json, 'aws_glue_catalog_database')).map(([id, db]) => [id, db.name]));
  return Object.fromEntries(
    Object.values(resourcesOf(s.json, 'aws_glue_catalog_table')).map((t) => {
      const dbId = /^\$\{aws_glue_catalog_database\.([^.]+)\.name\}$/.exec(t.database_name)![1]!;
      return [`${dbIds[dbId]}.${t.name}`, t];
    }),
  );
};

describe('Glue databases and Iceberg tables', () => {
  let s: Synthesized;
  let tables: Record<string, Record<string, any>>;
  beforeAll(() => {
    s = synthGlue();
    tables = tablesByQualifiedName(s);
  });

  it('creates one database per namespace named <project>_<env>_<namespace>, located under the warehouse', () => {
    const dbs = byName(s.json, 'aws_glue_catalog_database');
    expect(Object.keys(dbs).sort()).toEqual([
      'acme_test_analytics',
      'acme_test_compliance',
      'acme_test_core',
      'acme_test_finance',
      'acme_test_ml',
      'acme_test_pg_archive_sync',
      'acme_test_sales',
    ]);
    expect(dbs.acme_test_core!.location_uri).toBe(`s3://${BUCKET}/warehouse/core/`);
    expect(dbs.acme_test_core!.lifecycle).toEqual({ prevent_destroy: true });
    expect(s.lakehouse.databaseNames).toEqual(Object.keys(dbs).sort());
  });

  it('creates one table per template, and exposes <db>.<table> names', () => {
    const expected = ALL_TEMPLATES()
      .map((t) => `acme_test_${t.namespace}.${t.name}`)
      .sort();
    expect(Object.keys(tables).sort()).toEqual(expected);
    expect(s.lakehouse.tableNames).toEqual(expected);
  });

  for (const t of ALL_TEMPLATES()) {
    describe(`${t.namespace}.${t.name}`, () => {
      const table = () => tables[`acme_test_${t.namespace}.${t.name}`]!;

      it('has the template columns in order, with Hive types and descriptions as comments', () => {
        const expected = t.parsedColumns.map((c) => ({
          name: c.name,
          type: toGlueType(c.type),
          ...(c.description ? { comment: c.description } : {}),
        }));
        expect(table().storage_descriptor.columns).toEqual(expected);
      });

      it('is created as a real Iceberg table by Glue, never with partition keys', () => {
        expect(table().open_table_format_input).toEqual({
          iceberg_input: { metadata_operation: 'CREATE', version: String(t.formatVersion) },
        });
        expect(table().partition_keys).toBeUndefined();
        expect(table().table_type).toBe('EXTERNAL_TABLE');
        expect(table().storage_descriptor.location).toBe(`s3://${BUCKET}/warehouse/${t.namespace}/${t.name}/`);
      });

      it('leaves what Iceberg commits rewrite to Iceberg, and is protected from destroy', () => {
        expect(table().lifecycle).toEqual({ ignore_changes: ['parameters', 'storage_descriptor'], prevent_destroy: true });
      });

      it('carries tags and properties as parameters', () => {
        for (const [k, v] of Object.entries(t.tags ?? {})) expect(table().parameters[`lakehouse.tag.${k}`]).toBe(v);
        for (const [k, v] of Object.entries(t.properties ?? {})) expect(table().parameters[k]).toBe(String(v));
        expect(table().parameters).not.toHaveProperty('metadata_location');
        expect(table().parameters).not.toHaveProperty('table_type');
      });
    });
  }

  it('maps nested types recursively (struct in list, list in map, struct in struct)', () => {
    const cols = tables['acme_test_sales.orders_nested']!.storage_descriptor.columns.map((c: any) => [c.name, c.type]);
    expect(cols).toEqual([
      ['order_id', 'bigint'],
      ['placed_at', 'timestamp'],
      ['customer', 'struct<id:string,email:string,address:struct<city:string,zip:string>>'],
      ['items', 'array<struct<sku:string,qty:int,price:decimal(10,2)>>'],
      ['attributes', 'map<string,array<bigint>>'],
      ['ref', 'string'],
    ]);
  });

  it('writes the exact parameter set of the audit trail', () => {
    const audit = tables['acme_test_compliance.audit_trail']!;
    expect(audit.parameters).toEqual({
      'format-version': '2',
      'history.expire.max-snapshot-age-ms': '220924800000',
      'history.expire.min-snapshots-to-keep': '100',
      'lakehouse.append_only': 'true',
      'lakehouse.tag.domain': 'security',
      'lakehouse.tag.log_type': 'audit',
      'lakehouse.tag.owner': 'security-engineering',
      'lakehouse.tag.retention': '7y',
      'write.delete.mode': 'copy-on-write',
      'write.merge.mode': 'copy-on-write',
      'write.update.mode': 'copy-on-write',
    });
    expect(glueTableParameters(NESTED)).toEqual({});
    expect(ICEBERG_OWNED_ATTRIBUTES).toEqual(['parameters', 'storage_descriptor']);
  });
});

describe('without data protection and with managed account settings', () => {
  let s: Synthesized;
  beforeAll(() => {
    s = synthGlue({
      protectData: false,
      manageAccountSettings: true,
      lakeFormationAdmins: ['arn:aws:iam::111122223333:role/terraform'],
    });
  });

  it('lifts prevent_destroy but keeps Iceberg-owned attributes ignored', () => {
    for (const db of Object.values(resourcesOf(s.json, 'aws_glue_catalog_database'))) expect(db.lifecycle.prevent_destroy).toBe(false);
    for (const t of Object.values(resourcesOf(s.json, 'aws_glue_catalog_table'))) {
      expect(t.lifecycle).toEqual({ ignore_changes: ['parameters', 'storage_descriptor'], prevent_destroy: false });
    }
  });

  it('creates databases and tables after the account settings', () => {
    const [settingsId] = Object.keys(resourcesOf(s.json, 'aws_lakeformation_data_lake_settings'));
    const dep = `aws_lakeformation_data_lake_settings.${settingsId}`;
    for (const type of ['aws_glue_catalog_database', 'aws_glue_catalog_table']) {
      for (const r of Object.values(resourcesOf(s.json, type))) expect(r.depends_on).toContain(dep);
    }
  });
});
