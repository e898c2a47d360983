import { describe, expect, it } from 'vitest';
import { parseTableTemplate } from '../../lib/model';
import { bigqueryRestrictedColumns } from '../../lib/policy/rules/gcp/bigquery-restricted-columns';
import { StackIndex } from '../../lib/policy/terraform-json';
import { gcpEnvironment } from '../support/synth';

const template = parseTableTemplate(
  't.yaml',
  'name: t\nnamespace: ns\ncolumns:\n  - { name: id, type: long }\n  - { name: who, type: "struct<kind:string,tags:list<string>>", access_level: restricted }\n',
).template!;

function outcome(who: Record<string, unknown>) {
  const schema = JSON.stringify([
    { name: 'id', type: 'INT64', mode: 'NULLABLE' },
    { name: 'who', ...who },
  ]);
  const stack = new StackIndex({ resource: { google_bigquery_table: { t: { table_id: 't', dataset_id: 'acme_test_ns', schema } } } });
  return bigqueryRestrictedColumns.check(stack.get('google_bigquery_table.t')!, {
    environment: gcpEnvironment(),
    stack,
    templates: [template],
  });
}

const tag = { policyTags: { names: ['restricted'] } };

describe('LH-BQ-001 on a restricted struct column', () => {
  it('is compliant when every leaf, repeated ones included, carries the tag', () => {
    const fields = [
      { name: 'kind', type: 'STRING', mode: 'NULLABLE', ...tag },
      { name: 'tags', type: 'STRING', mode: 'REPEATED', ...tag },
    ];
    expect(outcome({ type: 'RECORD', mode: 'NULLABLE', fields })).toBe('compliant');
  });

  it('fails when a leaf is untagged', () => {
    const fields = [
      { name: 'kind', type: 'STRING', mode: 'NULLABLE', ...tag },
      { name: 'tags', type: 'STRING', mode: 'REPEATED' },
    ];
    expect(outcome({ type: 'RECORD', mode: 'NULLABLE', fields })).toEqual({
      status: 'non-compliant',
      message: 'Restricted column(s) without a policy tag: who.',
    });
  });
});
