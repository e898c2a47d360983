import { describe, expect, it } from 'vitest';
import { icebergTableSchemas } from '../../lib/clients/engine-settings';
import { createNamespaceRequest, createTableRequestFor } from '../../lib/iceberg-rest/table-requests';
import type { LoadedTableTemplate } from '../../lib/model/table-template';
import { extraTemplates } from '../support/extra-templates';
import { requestProblems } from '../support/request-schema';
import { awsEnvironment, shippedTemplates } from '../support/synth';
import { planLakehouse } from '../../lib/plan';

const ALL = (): LoadedTableTemplate[] => [...shippedTemplates(), ...extraTemplates()];
const location = (t: LoadedTableTemplate) => `s3://lakehouse-bucket/warehouse/${t.namespace}/${t.name}`;

describe('CreateTableRequest for every shipped and test template', () => {
  it('is valid against the request JSON Schema', () => {
    for (const template of ALL()) {
      expect(requestProblems('CreateTableRequest', createTableRequestFor(template, location(template))), template.file).toEqual([]);
    }
  });

  it('sends exactly the partition spec, sort order, schema and properties that `lakehouse export` writes', () => {
    const templates = ALL();
    const exported = new Map(
      icebergTableSchemas(planLakehouse(awsEnvironment('nessie'), templates)).map(({ key, json }) => [
        key,
        JSON.parse(JSON.stringify(json)),
      ]),
    );
    for (const template of templates) {
      const request = createTableRequestFor(template, location(template));
      const json = exported.get(`${template.namespace}.${template.name}`);
      expect(request['partition-spec'], template.file).toEqual(json['partition-spec']);
      expect(request['write-order'], template.file).toEqual(json['sort-order']);
      expect(request.schema, template.file).toEqual(json.schema);
      expect(request.properties, template.file).toEqual(json.properties);
      expect(request).toMatchObject({ name: template.name, location: location(template) });
    }
  });

  it('covers every transform, nested types and v3 types (the extra templates are not trivial)', () => {
    const requests = extraTemplates().map((t) => createTableRequestFor(t));
    const transforms = new Set(
      requests.flatMap((r) => [...r['partition-spec']!.fields, ...r['write-order']!.fields].map((f) => f.transform)),
    );
    expect([...transforms].sort()).toEqual(['bucket[16]', 'bucket[8]', 'day', 'hour', 'identity', 'month', 'truncate[4]', 'void', 'year']);
    const text = JSON.stringify(requests);
    for (const needle of [
      '"type":"map"',
      '"type":"list"',
      '"type":"struct"',
      'decimal(38,10)',
      'fixed[16]',
      'timestamp_ns',
      'variant',
      'unknown',
    ]) {
      expect(text).toContain(needle);
    }
    expect(requests[1]!.properties?.['format-version']).toBe('3');
  });
});

describe('the request JSON Schema rejects what a catalog would refuse', () => {
  const request = () => createTableRequestFor(shippedTemplates()[0]!, 's3://b/w/t');

  it('an unknown primitive type, a misspelt transform, a stray member, a non-URI location, fields in the unsorted order', () => {
    const base = request();
    const badType = { ...base, schema: { ...base.schema, fields: [{ id: 1, name: 'x', type: 'integer', required: true }] } };
    expect(requestProblems('CreateTableRequest', badType)).not.toEqual([]);
    const badTransform = {
      ...base,
      'partition-spec': { 'spec-id': 0, fields: [{ 'source-id': 1, 'field-id': 1000, name: 'p', transform: 'days' }] },
    };
    expect(requestProblems('CreateTableRequest', badTransform)).not.toEqual([]);
    expect(requestProblems('CreateTableRequest', { ...base, partitionSpec: {} })).not.toEqual([]);
    expect(requestProblems('CreateTableRequest', { ...base, location: 'bucket/warehouse' })).not.toEqual([]);
    const sortedAsUnsorted = {
      'order-id': 0,
      fields: [{ 'source-id': 1, transform: 'identity', direction: 'asc', 'null-order': 'nulls-first' }],
    };
    expect(requestProblems('CreateTableRequest', { ...base, 'write-order': sortedAsUnsorted })).not.toEqual([]);
  });

  it('a commit without assert-table-uuid, with an unknown update, or with nothing to update', () => {
    const uuid = { type: 'assert-table-uuid', uuid: 'u' };
    const setProps = { action: 'set-properties', updates: { a: 'b' } };
    expect(requestProblems('CommitTableRequest', { requirements: [uuid], updates: [setProps] })).toEqual([]);
    expect(
      requestProblems('CommitTableRequest', {
        requirements: [{ type: 'assert-current-schema-id', 'current-schema-id': 0 }],
        updates: [setProps],
      }),
    ).not.toEqual([]);
    expect(requestProblems('CommitTableRequest', { requirements: [uuid], updates: [{ action: 'drop-everything' }] })).not.toEqual([]);
    expect(requestProblems('CommitTableRequest', { requirements: [uuid], updates: [] })).not.toEqual([]);
    expect(
      requestProblems('CommitTableRequest', { requirements: [uuid], updates: [{ action: 'set-properties', updates: {} }] }),
    ).not.toEqual([]);
  });

  it('namespaces: one or more non-empty levels', () => {
    expect(requestProblems('CreateNamespaceRequest', createNamespaceRequest(['analytics']))).toEqual([]);
    expect(requestProblems('CreateNamespaceRequest', { namespace: [] })).not.toEqual([]);
    expect(requestProblems('CreateNamespaceRequest', { namespace: [''] })).not.toEqual([]);
  });
});
