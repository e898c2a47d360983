import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLOUDWATCH_RETENTION_DAYS, NESSIE_DEFAULT_IMAGE_TAG, fargateMemoryOptions } from '../../lib/model/environment';
import { cidrProblem, loadEnvironments } from '../../lib/model/load-environments';
import { AWS_BASE, GCP_BASE, NESSIE_BASE, envProblems, parseEnv, problemAt, show } from './helpers';

const ENVIRONMENTS_DIR = resolve(__dirname, '..', '..', 'environments');

function valid(yaml: string) {
  const result = parseEnv(yaml);
  if (!result.environment) throw new Error(result.problems.map(show).join('\n'));
  return result.environment;
}

describe('shipped environments', () => {
  it('load and cover all three catalogs', () => {
    const envs = loadEnvironments(ENVIRONMENTS_DIR);
    expect(envs.map((e) => [e.name, e.cloud, e.catalog])).toEqual([
      ['dev', 'aws', 'glue'],
      ['gcp-dev', 'gcp', 'biglake'],
      ['prod', 'aws', 'glue'],
      ['staging', 'aws', 'nessie'],
    ]);
    expect(envs.find((e) => e.name === 'prod')!.logging.retentionDays).toBe(2192);
  });
});

describe('defaults', () => {
  it('a minimal AWS file gets every default', () => {
    expect(valid(AWS_BASE)).toEqual({
      file: 'env.yaml',
      name: 'test',
      project: 'acme',
      cloud: 'aws',
      catalog: 'glue',
      region: 'eu-west-1',
      tags: {},
      compliance: 'none',
      protectData: true,
      backend: undefined,
      customerManagedKey: false,
      storage: {
        bucketName: 'acme-test-lakehouse',
        warehousePrefix: 'warehouse',
        versioning: true,
        abortIncompleteMultipartDays: 7,
        infrequentAccessDays: 90,
        noncurrentExpirationDays: 30,
      },
      audit: { enabled: true, retentionDays: 2557, objectLock: 'none', accessAlerts: false },
      logging: { retentionDays: 365, accessLogBucket: undefined },
      access: { lakeFormationAdmins: [], trustedPrincipals: [], manageAccountSettings: false },
      nessie: {
        imageTag: NESSIE_DEFAULT_IMAGE_TAG,
        cpu: 1024,
        memory: 2048,
        minCount: 2,
        maxCount: 4,
        internal: true,
        allowedCidrs: ['10.0.0.0/8'],
        certificateArn: undefined,
        vpcCidr: '10.0.0.0/16',
        natGateways: 'single',
        tablePrefix: 'acme_test_nessie',
        accessLogBucket: undefined,
      },
      snsTopicArn: undefined,
      gcp: undefined,
      suppressions: [],
    });
  });

  it('GCP: no versioning by default, location defaults to the region; an SNS topic turns access alerts on', () => {
    const gcp = valid(GCP_BASE);
    expect(gcp.storage.versioning).toBe(false);
    expect(gcp.gcp).toEqual({ projectId: 'acme-test-1', location: 'europe-west1' });
    expect(valid(`${AWS_BASE}alarms:\n  sns_topic_arn: arn:aws:sns:eu-west-1:111122223333:alerts\n`).audit.accessAlerts).toBe(true);
  });

  it('maps the s3 backend to camelCase settings', () => {
    const env = valid(`${AWS_BASE}backend:\n  s3: { bucket: state, key: lake/test.tfstate, use_lockfile: true, dynamodb_table: locks }\n`);
    expect(env.backend).toEqual({
      s3: { bucket: 'state', key: 'lake/test.tfstate', region: undefined, dynamodbTable: 'locks', useLockfile: true, kmsKeyId: undefined },
      gcs: undefined,
    });
  });
});

describe('cloud, catalog and blocks', () => {
  it('rejects a catalog that does not exist on the cloud', () => {
    expect(problemAt(envProblems(AWS_BASE.replace('glue', 'biglake')), 'catalog').message).toBe(
      "catalog 'biglake' does not exist on aws; use glue or nessie",
    );
    expect(problemAt(envProblems(GCP_BASE.replace('biglake', 'nessie')), 'catalog').message).toBe(
      "catalog 'nessie' does not exist on gcp; use biglake",
    );
  });

  it('requires the gcp block on gcp and refuses it on aws', () => {
    const missing = envProblems('name: test\nproject: acme\ncloud: gcp\ncatalog: biglake\nregion: europe-west1\n');
    expect(problemAt(missing, '').message).toBe("cloud: gcp needs a 'gcp' block with project_id");
    const extra = problemAt(envProblems(`${AWS_BASE}gcp:\n  project_id: acme-test-1\n`), 'gcp');
    expect([extra.line, extra.column, extra.message]).toEqual([6, 1, "the 'gcp' block only applies to cloud: gcp"]);
  });

  it('refuses a nessie block on glue, an access block on gcp and a backend of the other cloud', () => {
    expect(problemAt(envProblems(`${AWS_BASE}nessie:\n  cpu: 512\n`), 'nessie').message).toBe(
      "the 'nessie' block only applies to catalog: nessie",
    );
    expect(problemAt(envProblems(`${GCP_BASE}access:\n  manage_account_settings: true\n`), 'access').message).toContain(
      'only applies to cloud: aws',
    );
    expect(problemAt(envProblems(`${GCP_BASE}backend:\n  s3: { bucket: b, key: k }\n`), 'backend.s3').message).toBe(
      'an s3 backend is for cloud: aws; use gcs',
    );
    expect(problemAt(envProblems(`${AWS_BASE}backend:\n  gcs: { bucket: b }\n`), 'backend.gcs').message).toBe(
      'a gcs backend is for cloud: gcp; use s3',
    );
  });

  it('an unknown cloud is one schema problem, with nothing checked against it', () => {
    const problems = envProblems(AWS_BASE.replace('cloud: aws', 'cloud: azure'));
    expect(problems.map((p) => [p.line, p.column, p.field, p.message])).toEqual([[3, 8, 'cloud', 'must be one of: "aws", "gcp"']]);
  });

  it('reports schema and semantic problems of one file together', () => {
    const problems = envProblems(`${NESSIE_BASE}colour: blue\nnessie:\n  cpu: 256\n  memory: 4096\nlogging:\n  retention_days: 2190\n`);
    expect(problems.map((p) => p.field)).toEqual(['colour', 'nessie.memory', 'logging.retention_days']);
  });

  it('rejects unknown keys at any level, at the key', () => {
    const problems = envProblems(`${NESSIE_BASE}colour: blue\nnessie:\n  cpus: 2\n`);
    const top = problemAt(problems, 'colour');
    expect([top.line, top.column]).toEqual([6, 1]);
    expect(top.message).toMatch(/^unknown key 'colour'; allowed keys: name, project, cloud, catalog, region, tags/);
    expect(problemAt(problems, 'nessie.cpus').message).toMatch(/^unknown key 'cpus'; allowed keys: image_tag, cpu, memory/);
  });
});

describe('Fargate CPU/memory pairs', () => {
  it.each([
    [256, 512],
    [256, 2048],
    [512, 4096],
    [1024, 2048],
    [1024, 8192],
    [2048, 16384],
    [4096, 30720],
    [8192, 20480],
    [8192, 61440],
    [16384, 32768],
    [16384, 122880],
  ])('accepts %i CPU with %i MiB', (cpu, memory) => {
    expect(valid(`${NESSIE_BASE}nessie:\n  cpu: ${cpu}\n  memory: ${memory}\n`).nessie).toMatchObject({ cpu, memory });
  });

  it.each([
    [256, 4096],
    [512, 512],
    [1024, 9216],
    [2048, 3072],
    [4096, 7168],
    [4096, 31744],
    [8192, 18432],
    [16384, 36864],
  ])('rejects %i CPU with %i MiB at nessie.memory, listing the allowed sizes', (cpu, memory) => {
    const p = problemAt(envProblems(`${NESSIE_BASE}nessie:\n  cpu: ${cpu}\n  memory: ${memory}\n`), 'nessie.memory');
    expect(p.message).toBe(`Fargate does not offer ${memory} MiB with ${cpu} CPU units; allowed: ${fargateMemoryOptions(cpu).join(', ')}`);
  });

  it('rejects a CPU value Fargate does not offer', () => {
    expect(problemAt(envProblems(`${NESSIE_BASE}nessie:\n  cpu: 3072\n`), 'nessie.cpu').message).toBe(
      'Fargate offers no 3072 CPU units; use 256, 512, 1024, 2048, 4096, 8192 or 16384',
    );
  });

  it('the table matches the ECS documentation', () => {
    expect(fargateMemoryOptions(256)).toEqual([512, 1024, 2048]);
    expect(fargateMemoryOptions(1024)).toEqual([2048, 3072, 4096, 5120, 6144, 7168, 8192]);
    expect(fargateMemoryOptions(8192)).toEqual([16384, 20480, 24576, 28672, 32768, 36864, 40960, 45056, 49152, 53248, 57344, 61440]);
    expect(fargateMemoryOptions(16384)).toEqual([32768, 40960, 49152, 57344, 65536, 73728, 81920, 90112, 98304, 106496, 114688, 122880]);
    expect(fargateMemoryOptions(4096)).toHaveLength(23);
  });
});

describe('CloudWatch Logs retention', () => {
  it('rejects 2190 and says six years is 2192', () => {
    const p = problemAt(envProblems(`${AWS_BASE}logging:\n  retention_days: 2190\n`), 'logging.retention_days');
    expect(p.message).toContain('CloudWatch Logs does not accept 2190 days; allowed: 1, 3, 5, 7, 14, 30');
    expect(p.message).toContain('(six years is 2192)');
  });

  it('accepts every value CloudWatch accepts', () => {
    expect(CLOUDWATCH_RETENTION_DAYS).toEqual([
      1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
    ]);
    for (const days of CLOUDWATCH_RETENTION_DAYS) {
      expect(valid(`${AWS_BASE}logging:\n  retention_days: ${days}\n`).logging.retentionDays).toBe(days);
    }
  });
});
