import { resolve } from 'node:path';
import { TerraformOutput } from 'cdktf';
import { beforeAll, describe, expect, it } from 'vitest';
import { NessieLakehouse } from '../../../lib/aws/nessie';
import { loadEnvironments, resourcePrefix, type EnvironmentConfig } from '../../../lib/model';
import { tierPrincipals } from '../../../lib/plan/tiers';
import { evaluatePolicyPack } from '../../../lib/policy';
import { awsTestStack, ENVIRONMENTS_DIR, resourcesOf, synthStack, type TfJson } from '../../support/synth';
import { nessieDefaults, ref, STORAGE, synthNessie, type Synthesized } from './nessie-fixtures';

describe('NessieLakehouse outputs', () => {
  let s: Synthesized;
  beforeAll(() => {
    s = synthNessie();
  });

  it('exposes the API URL, the Iceberg REST URI, network ids and the task role', () => {
    const l = s.lakehouse;
    const stack = awsTestStack();
    const built = new NessieLakehouse(stack, 'nessie', {
      prefix: 'acme-test',
      region: 'eu-west-1',
      nessie: nessieDefaults(),
      storage: STORAGE,
    });
    new TerraformOutput(stack, 'api', { value: built.apiUrl });
    new TerraformOutput(stack, 'iceberg', { value: built.icebergRestUri });
    const json = synthStack(stack);
    const dns = ref(json, 'aws_lb', 'alb', 'dns_name');
    expect(json.output!['api']!.value).toBe(`http://${dns}`);
    expect(json.output!['iceberg']!.value).toBe(`http://${dns}/iceberg`);
    expect(l.vpcId).toBe(l.network.vpcId);
    expect(l.publicSubnetIds).toHaveLength(2);
    expect(l.privateSubnetIds).toHaveLength(2);
    expect(l.taskRoleArn).toBe(l.service.taskRoleArn);
    expect(l.taskRoleName).toBe(l.service.taskRoleName);
  });

  it('offers PyIceberg and Spark settings for Iceberg REST and for the Nessie catalog', () => {
    const c = s.lakehouse.clientSettings;
    const api = s.lakehouse.apiUrl;
    expect(c.pyiceberg).toEqual({ type: 'rest', uri: `${api}/iceberg` });
    expect(c.sparkIcebergRest).toEqual({
      'spark.sql.extensions': 'org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions',
      'spark.sql.catalog.nessie': 'org.apache.iceberg.spark.SparkCatalog',
      'spark.sql.catalog.nessie.type': 'rest',
      'spark.sql.catalog.nessie.uri': `${api}/iceberg`,
    });
    expect(c.sparkNessie).toMatchObject({
      'spark.sql.catalog.nessie.catalog-impl': 'org.apache.iceberg.nessie.NessieCatalog',
      'spark.sql.catalog.nessie.uri': `${api}/api/v2`,
      'spark.sql.catalog.nessie.ref': 'main',
      'spark.sql.catalog.nessie.warehouse': STORAGE.warehouseLocation,
      'spark.sql.catalog.nessie.io-impl': 'org.apache.iceberg.aws.s3.S3FileIO',
    });
    expect(c.sparkNessie['spark.sql.extensions']).toContain('org.projectnessie.spark.extensions.NessieSparkSessionExtensions');
  });

  it('creates no Glue, Athena or Lake Formation resources', () => {
    const types = Object.keys(s.json.resource ?? {});
    expect(types.filter((t) => /glue|athena|lakeformation/.test(t))).toEqual([]);
  });
});

describe('shipped Nessie environments', () => {
  const shipped = loadEnvironments(ENVIRONMENTS_DIR).filter((e) => e.catalog === 'nessie');
  const build = (env: EnvironmentConfig): TfJson => {
    const stack = awsTestStack();
    new NessieLakehouse(stack, 'nessie', {
      prefix: resourcePrefix(env.project, env.name),
      region: env.region,
      nessie: env.nessie,
      storage: STORAGE,
      protectData: env.protectData,
      logRetentionDays: env.logging.retentionDays,
      kmsKeyArn: env.customerManagedKey ? 'arn:aws:kms:us-east-1:111122223333:key/11111111-2222-3333-4444-555555555555' : undefined,
      snsTopicArn: env.snsTopicArn,
      tierTrust: tierPrincipals(env.access),
    });
    return synthStack(stack);
  };

  it('exist', () => {
    expect(shipped.map((e) => e.name)).toContain('staging');
    expect(resolve(ENVIRONMENTS_DIR)).toMatch(/environments$/);
  });

  it.each(shipped.map((e) => [e.name, e] as const))('%s: no security group rule lets 0.0.0.0/0 in', (_name, env) => {
    const json = build(env);
    const ingress = Object.values(resourcesOf(json, 'aws_vpc_security_group_ingress_rule'));
    expect(ingress.length).toBeGreaterThan(0);
    for (const rule of ingress) {
      expect(rule.cidr_ipv4 ?? rule.referenced_security_group_id).toBeDefined();
      expect(rule.cidr_ipv4).not.toBe('0.0.0.0/0');
      expect(rule.cidr_ipv6).toBeUndefined();
    }
    expect(resourcesOf(json, 'aws_security_group_rule')).toEqual({});
  });

  it.each(shipped.map((e) => [e.name, e] as const))('%s: passes the policy pack without errors or warnings', (_name, env) => {
    const report = evaluatePolicyPack(build(env) as never, env);
    const findings = report.findings.map((f) => `${f.ruleId} ${f.address}: ${f.message ?? ''}`);
    // The audit trail the profile asks for belongs to the storage constructs, not to this path.
    expect(findings.filter((f) => !f.startsWith('LH-PRF-001 '))).toEqual([]);
  });
});
