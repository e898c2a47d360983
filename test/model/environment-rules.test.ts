import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkEnvironments, cidrProblem, loadEnvironments } from '../../lib/model/load-environments';
import { LakehouseValidationError } from '../../lib/model/problems';
import { AWS_BASE, GCP_BASE, NESSIE_BASE, envProblems, parseEnv, problemAt } from './helpers';

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
      'Nessie has no authentication: allowing the whole internet (/0) is refused; list the networks of your clients',
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
