import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLOUDWATCH_RETENTION_DAYS, NESSIE_DEFAULT_IMAGE_TAG, fargateMemoryOptions } from '../../lib/model/environment';
import { checkEnvironments, cidrProblem, loadEnvironments } from '../../lib/model/load-environments';
import { LakehouseValidationError } from '../../lib/model/problems';
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
        route53ZoneId: undefined,
        auth: {
          mode: 'none',
          writerBranches: [],
          secretReaders: { reader: [], writer: [], admin: [] },
          cognitoDomain: 'acme-test-nessie',
          issuerUrl: undefined,
          audience: undefined,
          principalClaim: 'sub',
          rolesClaim: 'scope',
          tierRoles: { reader: 'nessie/reader', writer: 'nessie/writer', admin: 'nessie/admin' },
        },
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

  it('a malformed name or project is reported alone, without derived-name noise', () => {
    const problems = envProblems(`${AWS_BASE.replace('name: test', 'name: Test_1')}logging:\n  retention_days: 2190\n`);
    expect(problems.map((p) => p.field)).toEqual(['name']);
    expect(problems[0]!.message).toContain('Environment name: lowercase letters, digits, hyphens');
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

const nessie = (lines: string): string => `${NESSIE_BASE}nessie:\n${lines}`;

describe('CIDR blocks', () => {
  it('cidrProblem accepts network addresses and names what is wrong otherwise', () => {
    expect(cidrProblem('10.0.0.0/8')).toBeUndefined();
    expect(cidrProblem('192.168.1.128/25')).toBeUndefined();
    expect(cidrProblem('10.0.0.1/8')).toBe("'10.0.0.1/8' has host bits set; did you mean 10.0.0.0/8?");
    expect(cidrProblem('172.16.5.0/12')).toBe("'172.16.5.0/12' has host bits set; did you mean 172.16.0.0/12?");
    expect(cidrProblem('10.0.256.0/24')).toBe("'10.0.256.0/24' is out of range (octets 0-255, prefix length 0-32)");
    expect(cidrProblem('10.0.0.0/33')).toContain('out of range');
    expect(cidrProblem('10.0.0.0')).toBe("'10.0.0.0' is not an IPv4 CIDR block like 10.0.0.0/16");
    expect(cidrProblem('::/0')).toContain('is not an IPv4 CIDR block');
  });

  it('refuses leading zeros, which Terraform and Go read differently or reject', () => {
    expect(cidrProblem('010.0.0.0/8')).toContain('leading zeros');
    expect(cidrProblem('10.0.0.0/08')).toContain('leading zeros');
  });

  it('reports bad allowed_cidrs at their index and refuses the whole internet', () => {
    const problems = envProblems(nessie('  allowed_cidrs: [10.0.0.0/8, 10.1.0.1/16, 300.0.0.0/8, 0.0.0.0/0]\n'));
    expect(problemAt(problems, 'nessie.allowed_cidrs[1]').message).toContain('has host bits set; did you mean 10.1.0.0/16?');
    expect(problemAt(problems, 'nessie.allowed_cidrs[2]').message).toContain('out of range');
    expect(problemAt(problems, 'nessie.allowed_cidrs[3]').message).toBe(
      'Nessie must not be reachable from the whole internet (/0), with or without authentication; list the networks of your clients',
    );
    expect(problems).toHaveLength(3);
  });

  it('checks the VPC CIDR and its prefix length', () => {
    expect(problemAt(envProblems(nessie('  vpc_cidr: 10.40.0.1/16\n')), 'nessie.vpc_cidr').message).toContain('host bits set');
    expect(problemAt(envProblems(nessie('  vpc_cidr: 10.0.0.0/12\n')), 'nessie.vpc_cidr').message).toBe(
      'a VPC CIDR needs a prefix length between /16 and /24 (four subnets are carved from it); got /12',
    );
    expect(parseEnv(nessie('  vpc_cidr: 10.40.0.0/24\n')).environment?.nessie.vpcCidr).toBe('10.40.0.0/24');
  });
});

describe('ARNs', () => {
  it('checks trusted principals: account root, roles and users (with paths) of a 12-digit account', () => {
    const ok = `${AWS_BASE}access:\n  trusted_principals:\n    - arn:aws:iam::111122223333:root\n    - arn:aws:iam::111122223333:role/team/etl\n    - arn:aws-us-gov:iam::111122223333:user/ops\n`;
    expect(parseEnv(ok).environment?.access.trustedPrincipals).toHaveLength(3);
    const bad = `${AWS_BASE}access:\n  trusted_principals:\n    - arn:aws:iam::12345:role/x\n    - arn:aws:s3:::bucket\n`;
    const problems = envProblems(bad);
    expect(problemAt(problems, 'access.trusted_principals[0]').message).toBe(
      "'arn:aws:iam::12345:role/x' is not an IAM principal ARN (arn:aws:iam::<12-digit account>:root|role/<name>|user/<name>)",
    );
    expect(problemAt(problems, 'access.trusted_principals[1]')).toBeDefined();
  });

  it('refuses the account root as a Lake Formation admin', () => {
    const p = problemAt(
      envProblems(`${AWS_BASE}access:\n  lake_formation_admins: [arn:aws:iam::111122223333:root]\n`),
      'access.lake_formation_admins[0]',
    );
    expect(p.message).toContain('is not an IAM role or user ARN');
  });

  it('requires an ACM certificate in the region of the load balancer', () => {
    const other = problemAt(
      envProblems(nessie('  certificate_arn: arn:aws:acm:us-east-1:111122223333:certificate/abc-123\n')),
      'nessie.certificate_arn',
    );
    expect(other.message).toBe('the certificate is in us-east-1 but an ALB needs one in its own region eu-west-1');
    const malformed = problemAt(
      envProblems(nessie('  certificate_arn: arn:aws:iam::111122223333:server-certificate/x\n')),
      'nessie.certificate_arn',
    );
    expect(malformed.message).toContain('is not an ACM certificate ARN');
    expect(parseEnv(nessie('  certificate_arn: arn:aws:acm:eu-west-1:111122223333:certificate/abc-123\n')).environment).toBeDefined();
  });

  it('checks the SNS topic ARN', () => {
    const p = problemAt(
      envProblems(`${AWS_BASE}alarms:\n  sns_topic_arn: arn:aws:sqs:eu-west-1:111122223333:queue\n`),
      'alarms.sns_topic_arn',
    );
    expect(p.message).toBe("'arn:aws:sqs:eu-west-1:111122223333:queue' is not an SNS topic ARN (arn:aws:sns:<region>:<account>:<topic>)");
  });
});

describe('other semantic rules', () => {
  it('rejects min_count above max_count (defaults included)', () => {
    expect(problemAt(envProblems(nessie('  min_count: 3\n  max_count: 2\n')), 'nessie.min_count').message).toBe(
      'min_count 3 is greater than max_count 2',
    );
    expect(problemAt(envProblems(nessie('  min_count: 5\n')), 'nessie.min_count').message).toBe('min_count 5 is greater than max_count 4');
  });

  it('requires a real suppression reason', () => {
    const yaml = (reason: string): string =>
      `${AWS_BASE}policy:\n  suppressions:\n    - { rule: LH-S3-001, resource: aws_s3_bucket.x, reason: "${reason}" }\n`;
    expect(problemAt(envProblems(yaml('too short')), 'policy.suppressions[0].reason').message).toContain('at least 20 characters');
    expect(problemAt(envProblems(yaml('TODO explain this suppression later')), 'policy.suppressions[0].reason')).toBeDefined();
    expect(parseEnv(yaml('Access logs go to the central logging account bucket')).environment?.suppressions).toHaveLength(1);
  });

  it('needs an SNS topic for access alerts and an enabled audit for object lock', () => {
    expect(problemAt(envProblems(`${AWS_BASE}audit:\n  access_alerts: true\n`), 'audit.access_alerts').message).toContain(
      'alarms.sns_topic_arn',
    );
    expect(problemAt(envProblems(`${AWS_BASE}audit:\n  enabled: false\n  object_lock: compliance\n`), 'audit.object_lock').message).toBe(
      'object_lock needs audit.enabled: true',
    );
  });

  it('GCP label values: lowercase letters, digits, _ and - only, at tags["key"]', () => {
    const p = problemAt(envProblems(`${GCP_BASE}tags:\n  cost-center: Data Platform\n`), 'tags["cost-center"]');
    expect(p.message).toBe("'Data Platform' cannot be a Google Cloud label value: up to 63 lowercase letters, digits, '_' or '-'");
    expect(parseEnv(`${AWS_BASE}tags:\n  cost-center: Data Platform\n`).environment?.tags).toEqual({ 'cost-center': 'Data Platform' });
  });
});

describe('derived names', () => {
  it('a long project + name breaks the 32-character ALB name on nessie, but not the glue names', () => {
    const base = 'name: staging-eu1\nproject: acme-data-platform\ncloud: aws\nregion: eu-west-1\n';
    const p = problemAt(envProblems(`${base}catalog: nessie\n`), 'project');
    expect(p.message).toBe(
      "derived load balancer name 'acme-data-platform-staging-eu1-nessie' is invalid: must be 1 to 32 characters long (is 37); shorten project or name",
    );
    expect(parseEnv(`${base}catalog: glue\n`).environment?.storage.bucketName).toBe('acme-data-platform-staging-eu1-lakehouse');
  });

  it('GCP service account ids must fit 30 characters', () => {
    const yaml = GCP_BASE.replace('name: test', 'name: gcp-dev').replace('project: acme', 'project: acme-data-platform');
    const problems = envProblems(yaml);
    expect(problems.map((p) => p.field)).toEqual(['project', 'project', 'project']);
    expect(problems.map((p) => p.message)).toEqual([
      "derived service account id 'acme-data-platform-gcp-dev-reader' is invalid: must be 6 to 30 characters long (is 33); shorten project or name",
      "derived service account id 'acme-data-platform-gcp-dev-writer' is invalid: must be 6 to 30 characters long (is 33); shorten project or name",
      "derived service account id 'acme-data-platform-gcp-dev-admin' is invalid: must be 6 to 30 characters long (is 32); shorten project or name",
    ]);
    // 'acme-data' + 'gcp-dev-eu' gives 'acme-data-gcp-dev-eu-writer' (27): fits.
    expect(
      parseEnv(GCP_BASE.replace('name: test', 'name: gcp-dev-eu').replace('project: acme', 'project: acme-data')).environment,
    ).toBeDefined();
  });

  it('checks an explicit bucket name at storage.bucket_name', () => {
    const p = problemAt(envProblems(`${AWS_BASE}storage:\n  bucket_name: My_Lake\n`), 'storage.bucket_name');
    expect(p.message).toContain("derived S3 bucket name 'My_Lake' is invalid: may contain only lowercase letters, digits and hyphens");
  });
});

describe('checkEnvironments on folders', () => {
  it('reports duplicate names across files, every problem with its line, and missing or empty folders', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lakehouse-envs-'));
    try {
      writeFileSync(join(dir, 'a.yaml'), AWS_BASE);
      writeFileSync(join(dir, 'b.yaml'), `# copy of a\n${AWS_BASE.replace('project: acme', 'project: other')}`);
      writeFileSync(join(dir, 'c.yaml'), `${AWS_BASE.replace('name: test', 'name: bad')}logging:\n  retention_days: 2190\ncolour: blue\n`);
      const { environments, problems } = checkEnvironments(dir);
      expect(environments.map((e) => e.file)).toEqual([join(dir, 'a.yaml')]);
      expect(problems.map((p) => [p.file, p.line, p.column, p.field])).toEqual([
        [join(dir, 'b.yaml'), 2, 7, 'name'],
        [join(dir, 'c.yaml'), 7, 19, 'logging.retention_days'],
        [join(dir, 'c.yaml'), 8, 1, 'colour'],
      ]);
      expect(problems[0]!.message).toBe(
        `environment name 'test' is already used by ${join(dir, 'a.yaml')}; each environment is one stack and needs a unique name`,
      );
      expect(() => loadEnvironments(dir)).toThrow(LakehouseValidationError);
      expect(loadEnvironments(join(dir, 'a.yaml')).map((e) => e.name)).toEqual(['test']);
    } finally {
      rmSync(dir, { recursive: true });
    }
    const empty = mkdtempSync(join(tmpdir(), 'lakehouse-envs-empty-'));
    expect(checkEnvironments(empty).problems.map((p) => p.message)).toEqual(['no environment files (*.yaml) in this folder']);
    rmSync(empty, { recursive: true });
    expect(checkEnvironments(join(empty, 'gone')).problems.map((p) => p.message)).toEqual(['environment file or folder does not exist']);
  });

  it('an unparsable or non-mapping file is one located problem', () => {
    expect(envProblems('- just\n- a list\n').map((p) => [p.line, p.column, p.message])).toEqual([
      [1, 1, 'an environment must be a YAML mapping (name, project, cloud, catalog, region, ...)'],
    ]);
    const syntax = envProblems('name: test\nproject: acme: x\n');
    expect(syntax.map((p) => [p.line, p.field])).toEqual([[2, '']]);
    expect(syntax[0]!.message).toMatch(/^YAML syntax error: /);
  });
});
