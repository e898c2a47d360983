import { describe, expect, it } from 'vitest';
import { planLakehouse } from '../../lib/plan';
import { clientFiles, engineSettings } from '../../lib/clients';
import { parse } from 'yaml';
import { shippedTemplates } from '../support/synth';
import { shippedEnvironment } from './fixtures';

function exportOf(env: 'dev' | 'staging' | 'gcp-dev'): Record<string, string> {
  const plan = planLakehouse(shippedEnvironment(env), shippedTemplates());
  return clientFiles(engineSettings(plan), plan);
}

describe('the exported README per catalog', () => {
  it.each([
    ['dev', 'pyiceberg[glue,pyarrow]', /boto3/],
    ['staging', 'pyiceberg[s3fs,pyarrow]', /py-io-impl=pyiceberg\.io\.fsspec\.FsspecFileIO.*s3fs/],
    ['gcp-dev', 'pyiceberg[gcp-auth,pyarrow]', /google-auth/],
  ] as const)('%s: names the pip install line PyIceberg needs and why', (env, requirement, why) => {
    const line = exportOf(env)
      ['README.md']!.split('\n')
      .find((l) => l.startsWith('PyIceberg: `pip install'));
    expect(line?.startsWith(`PyIceberg: \`pip install "${requirement}"\`: `)).toBe(true);
    expect(line).toMatch(why);
  });

  it('says what tables/*.json is: exact on Nessie and Glue (the function creates it), a description on BigQuery', () => {
    expect(exportOf('staging')['README.md']).toContain('each table, exactly as the table-provisioning function creates it on apply.');
    expect(exportOf('dev')['README.md']).toContain(
      'each table, exactly as the table-provisioning function creates it on apply. A table an earlier',
    );
    expect(exportOf('gcp-dev')['README.md']).toMatch(/BigQuery assigns its own ids/);
    expect(exportOf('gcp-dev')['README.md']).toMatch(/clustered on the partition\n {2}and sort columns/);
  });

  it('writes a federation .pyiceberg.yaml for BigLake that YAML reads with the nested auth block', () => {
    const yaml = parse(exportOf('gcp-dev')['.pyiceberg.yaml']!);
    expect(yaml.catalog.lakehouse.auth).toEqual({ type: 'google' });
    expect(yaml.catalog.lakehouse.warehouse).toBe('bq://projects/acme-lake-dev');
    expect(exportOf('gcp-dev')['trino/iceberg.properties']).toContain('\niceberg.rest-catalog.security=GOOGLE\n');
  });
});
