import { describe, expect, it } from 'vitest';
import { CLOUDWATCH_RETENTION_DAYS, fargateMemoryOptions } from '../../lib/aws/rules/limits';
import { cidrProblem } from '../../lib/aws/rules/network';
import { AWS_BASE, GCP_BASE, NESSIE_BASE, problemAt } from '../model/helpers';
import { cloudProblems as envProblems, cloudValid as valid, cloudParse as parseEnv } from './helpers';

// The cloud rules run on the resolved plan of an environment with the shipped templates, as
// `lakehouse validate` and the composites run them (lib/project.ts `lakehouseProblems`).

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
      'Fargate offers no 3072 CPU units; use 256, 512, 1024, 2048, 4096, 8192, 16384',
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
  it('rejects 2190 and names the nearest values (six years is 2192)', () => {
    const p = problemAt(envProblems(`${AWS_BASE}logging:\n  retention_days: 2190\n`), 'logging.retention_days');
    expect(p.message).toContain('CloudWatch Logs does not keep logs for 2190 days; the nearest values it accepts are 1827 or 2192');
    expect(p.message).toContain('(all: 1, 3, 5, 7, 14, 30');
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
      "'0.0.0.0/0' opens the Nessie catalog to every address (authentication or not, the network stays a boundary); list your clients' networks",
    );
    expect(problems).toHaveLength(3);
  });

  it('checks the VPC CIDR and its prefix length', () => {
    expect(problemAt(envProblems(nessie('  vpc_cidr: 10.40.0.1/16\n')), 'nessie.vpc_cidr').message).toContain('host bits set');
    expect(problemAt(envProblems(nessie('  vpc_cidr: 10.0.0.0/12\n')), 'nessie.vpc_cidr').message).toBe(
      "'10.0.0.0/12' needs a prefix length from /16 to /24 (four subnets are cut from it); got /12",
    );
    expect(parseEnv(nessie('  vpc_cidr: 10.40.0.0/24\n')).environment?.nessie.vpcCidr).toBe('10.40.0.0/24');
  });
});

describe('ARNs', () => {
  it('checks tier principals: account root, roles and users (with paths) of a 12-digit account', () => {
    const ok = `${AWS_BASE}access:\n  readers:\n    - arn:aws:iam::111122223333:root\n    - arn:aws:iam::111122223333:role/team/etl\n  admins:\n    - arn:aws-us-gov:iam::111122223333:user/ops\n`;
    const access = parseEnv(ok).environment?.access;
    expect([access?.readers, access?.writers, access?.admins].map((l) => l?.length)).toEqual([2, 0, 1]);
    const bad = `${AWS_BASE}access:\n  writers:\n    - arn:aws:iam::12345:role/x\n    - arn:aws:s3:::bucket\n`;
    const problems = envProblems(bad);
    expect(problemAt(problems, 'access.writers[0]').message).toBe(
      "'arn:aws:iam::12345:role/x' is not an IAM principal (an account id or arn:aws:iam::<12-digit account>:root|role/<name>|user/<name>)",
    );
    expect(problemAt(problems, 'access.writers[1]')).toBeDefined();
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
      envProblems(nessie('  certificate_arn: arn:aws:acm:us-east-1:111122223333:certificate/abc-123\n  host_name: nessie.example.com\n')),
      'nessie.certificate_arn',
    );
    expect(other.message).toBe('the certificate is in us-east-1 but a load balancer needs one in its own region eu-west-1');
    const malformed = problemAt(
      envProblems(nessie('  certificate_arn: arn:aws:iam::111122223333:server-certificate/x\n  host_name: nessie.example.com\n')),
      'nessie.certificate_arn',
    );
    expect(malformed.message).toContain('is not an ACM certificate ARN');
    expect(
      parseEnv(nessie('  certificate_arn: arn:aws:acm:eu-west-1:111122223333:certificate/abc-123\n  host_name: nessie.example.com\n'))
        .environment,
    ).toBeDefined();
    // Without the name the certificate covers, the table-provisioning function could not verify it.
    expect(
      problemAt(
        envProblems(nessie('  certificate_arn: arn:aws:acm:eu-west-1:111122223333:certificate/abc-123\n')),
        'nessie.certificate_arn',
      ).message,
    ).toMatch(/^needs nessie\.host_name, the name the certificate covers/);
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

  it('needs an SNS topic for access alerts', () => {
    expect(problemAt(envProblems(`${AWS_BASE}audit:\n  access_alerts: true\n`), 'audit.access_alerts').message).toContain(
      'alarms.sns_topic_arn',
    );
  });

  it('GCP: refuses append-only BigQuery-managed tables unless the environment accepts that BigQuery cannot enforce them', () => {
    const unacknowledged = GCP_BASE.replace('  accept_unenforced_append_only: true\n', '');
    const p = problemAt(envProblems(unacknowledged), 'gcp');
    expect(p.message).toBe(
      'append_only BigQuery-managed tables (analytics.event_stream, compliance.audit_trail, pg_archive_sync.primary_postgresql_logs, ' +
        'pg_archive_sync.replica_postgresql_logs): BigQuery cannot keep writers and admins from deleting their rows (a DML DELETE needs ' +
        'only bigquery.tables.updateData, like an INSERT); set gcp.accept_unenforced_append_only: true to acknowledge it ' +
        '(docs/access-model.md, "BigQuery"), or drop append_only from these templates',
    );
    expect(valid(GCP_BASE).gcp?.acceptUnenforcedAppendOnly).toBe(true);
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
      "derived load balancer name 'acme-data-platform-staging-eu1-nessie' must be 1 to 32 characters long (is 37); shorten project or name",
    );
    expect(parseEnv(`${base}catalog: glue\n`).environment?.storage.bucketName).toBe('acme-data-platform-staging-eu1-lakehouse');
  });

  it('GCP service account ids must fit 30 characters', () => {
    const yaml = GCP_BASE.replace('name: test', 'name: gcp-dev').replace('project: acme', 'project: acme-data-platform');
    const problems = envProblems(yaml);
    expect(problems.map((p) => p.field)).toEqual(['project', 'project', 'project']);
    expect(problems.map((p) => p.message)).toEqual([
      "derived service account id 'acme-data-platform-gcp-dev-reader' must be 6 to 30 characters long (is 33); shorten project or name",
      "derived service account id 'acme-data-platform-gcp-dev-writer' must be 6 to 30 characters long (is 33); shorten project or name",
      "derived service account id 'acme-data-platform-gcp-dev-admin' must be 6 to 30 characters long (is 32); shorten project or name",
    ]);
    // 'acme-data' + 'gcp-dev-eu' gives 'acme-data-gcp-dev-eu-writer' (27): fits.
    expect(
      parseEnv(GCP_BASE.replace('name: test', 'name: gcp-dev-eu').replace('project: acme', 'project: acme-data')).environment,
    ).toBeDefined();
  });

  it('checks an explicit bucket name at storage.bucket_name', () => {
    const p = problemAt(envProblems(`${AWS_BASE}storage:\n  bucket_name: My_Lake\n`), 'storage.bucket_name');
    expect(p.message).toContain("derived S3 bucket name 'My_Lake' may contain only lowercase letters, digits and hyphens");
  });
});
