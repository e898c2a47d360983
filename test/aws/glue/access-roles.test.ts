import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { trustPolicyProblems } from '../../../lib/aws/rules/trust-policy';
import { planLakehouse } from '../../../lib/plan';
import { beforeAll, describe, expect, it } from 'vitest';
import { awsEnvironment, awsTestStack, parsePolicy, resourcesOf, shippedTemplates, synthStack } from '../../support/synth';
import { GlueLakehouse, LakehouseAccessRoles } from '../../../lib/aws/glue';
import {
  BUCKET,
  KMS_KEY,
  STORAGE,
  asList,
  glueProps,
  logicalId,
  roleStatements,
  synthGlue,
  template,
  type Synthesized,
} from './glue-fixtures';

const roleId = (s: Synthesized, tier: string) => logicalId(s.json, 'aws_iam_role', (r) => r.name === `acme-test-lakehouse-${tier}`);
const allowed = (statements: Array<Record<string, any>>) => statements.filter((x) => x.Effect === 'Allow').flatMap((x) => asList(x.Action));
const resourcesFor = (statements: Array<Record<string, any>>, action: string) =>
  statements.filter((x) => x.Effect === 'Allow' && asList(x.Action).includes(action)).flatMap((x) => asList(x.Resource));

describe('reader, writer and admin roles', () => {
  let s: Synthesized;
  beforeAll(() => {
    s = synthGlue({ storage: { ...STORAGE, kmsKeyArn: KMS_KEY } });
  });

  it('are named <prefix>-lakehouse-<tier> and trusted by the account root by default', () => {
    const roles = Object.values(resourcesOf(s.json, 'aws_iam_role'));
    for (const tier of ['reader', 'writer', 'admin']) {
      const role = roles.find((r) => r.name === `acme-test-lakehouse-${tier}`)!;
      const trust = parsePolicy(role.assume_role_policy).Statement;
      expect(trust).toHaveLength(1);
      expect(trust[0]!.Action).toBe('sts:AssumeRole');
      expect(trust[0]!.Principal.AWS).toMatch(/^arn:\$\{data\.aws_partition\.[^}]+\}:iam::\$\{data\.aws_caller_identity\.[^}]+\}:root$/);
    }
  });

  it('use no wildcard action and no unscoped resource (except GetDataAccess, which has no resource type)', () => {
    for (const tier of ['reader', 'writer', 'admin']) {
      const statements = roleStatements(s.json, roleId(s, tier));
      expect(statements.length).toBeGreaterThan(0);
      for (const st of statements) {
        for (const a of asList(st.Action)) expect(a).not.toContain('*');
        expect(st.NotAction).toBeUndefined();
        for (const r of asList(st.Resource)) {
          if (r === '*') expect(st.Action).toBe('lakeformation:GetDataAccess');
        }
      }
    }
  });

  it('give every tier what querying through Athena needs', () => {
    for (const tier of ['reader', 'writer', 'admin']) {
      const statements = roleStatements(s.json, roleId(s, tier));
      const actions = allowed(statements);
      for (const needed of [
        'lakeformation:GetDataAccess',
        'glue:GetDatabase',
        'glue:GetTable',
        'glue:GetTables',
        'athena:StartQueryExecution',
        'athena:GetQueryExecution',
        'athena:GetQueryResults',
        'athena:GetWorkGroup',
        's3:GetObject',
        's3:PutObject',
        's3:GetBucketLocation',
        's3:ListBucket',
        'kms:Decrypt',
        'kms:GenerateDataKey',
      ]) {
        expect(actions, `${tier} lacks ${needed}`).toContain(needed);
      }
      // Readers query in their own workgroup: members of a workgroup can list and fetch each other's results.
      const workgroup = tier === 'reader' ? /:workgroup\/acme-test-lakehouse-readers$/ : /:workgroup\/acme-test-lakehouse$/;
      expect(resourcesFor(statements, 'athena:StartQueryExecution')).toEqual([expect.stringMatching(workgroup)]);
      expect(resourcesFor(statements, 'kms:Decrypt')).toEqual([KMS_KEY]);
      const glue = resourcesFor(statements, 'glue:GetTable');
      expect(glue.filter((r) => r.endsWith(':catalog'))).toHaveLength(1);
      expect(glue.filter((r) => /:table\/acme_test_[a-z_]+\/\*$/.test(r))).toHaveLength(s.lakehouse.databaseNames.length);
      expect(glue.every((r) => /:(catalog|database\/acme_test_[a-z_]+|table\/acme_test_[a-z_]+\/\*)$/.test(r))).toBe(true);
    }
  });

  it('keep readers away from table files: query results only, no delete, no listing of the warehouse', () => {
    const statements = roleStatements(s.json, roleId(s, 'reader'));
    expect(resourcesFor(statements, 's3:GetObject')).toEqual([`arn:aws:s3:::${BUCKET}/athena-results/readers/*`]);
    // Nothing lets a reader list or fetch query executions of the shared workgroup, where writers' results hold restricted columns.
    for (const action of [
      'athena:GetQueryResults',
      'athena:ListQueryExecutions',
      'athena:GetQueryExecution',
      'athena:BatchGetQueryExecution',
    ]) {
      expect(resourcesFor(statements, action), action).toEqual([expect.stringMatching(/:workgroup\/acme-test-lakehouse-readers$/)]);
    }
    expect(resourcesFor(statements, 'athena:GetNamedQuery').sort()).toEqual([
      expect.stringMatching(/:workgroup\/acme-test-lakehouse$/),
      expect.stringMatching(/:workgroup\/acme-test-lakehouse-readers$/),
    ]);
    expect(allowed(statements)).not.toContain('s3:DeleteObject');
    expect(allowed(statements)).not.toContain('glue:UpdateTable');
    const list = statements.find((x) => x.Sid === 'ListPrefixes')!;
    expect(list.Condition).toEqual({ StringLike: { 's3:prefix': ['athena-results/readers', 'athena-results/readers/*'] } });
  });

  it('let writers write table data per namespace and commit through Glue, but not change tables', () => {
    const statements = roleStatements(s.json, roleId(s, 'writer'));
    const data = resourcesFor(statements, 's3:PutObject').filter((r) => r.includes('/warehouse/'));
    expect(data).toEqual(s.lakehouse.layout.namespaces.map((ns) => `arn:aws:s3:::${BUCKET}/warehouse/${ns.namespace}/*`));
    expect(allowed(statements)).toContain('glue:UpdateTable');
    expect(allowed(statements)).not.toContain('glue:CreateTable');
    expect(allowed(statements)).not.toContain('glue:DeleteTable');
  });

  it('let admins create and drop tables and manage named queries', () => {
    const actions = allowed(roleStatements(s.json, roleId(s, 'admin')));
    for (const a of ['glue:CreateTable', 'glue:DeleteTable', 'glue:UpdateTable', 'athena:CreateNamedQuery', 's3:DeleteObject'])
      expect(actions).toContain(a);
  });

  it('deny S3 deletes on append-only data to writers and admins, not only by omission', () => {
    const expectedDeny = [
      `arn:aws:s3:::${BUCKET}/warehouse/analytics/*`,
      `arn:aws:s3:::${BUCKET}/warehouse/compliance/*`,
      `arn:aws:s3:::${BUCKET}/warehouse/pg_archive_sync/*`,
    ];
    for (const tier of ['writer', 'admin']) {
      const deny = roleStatements(s.json, roleId(s, tier)).filter((x) => x.Effect === 'Deny');
      expect(deny).toEqual([
        { Sid: 'AppendOnlyNoDelete', Effect: 'Deny', Action: ['s3:DeleteObject', 's3:DeleteObjectVersion'], Resource: expectedDeny },
      ]);
    }
    expect(roleStatements(s.json, roleId(s, 'reader')).filter((x) => x.Effect === 'Deny')).toEqual([]);
  });
});

describe('append-only deny in a namespace that mixes table kinds', () => {
  it('denies per table when the namespace also holds mutable tables', () => {
    const mk = (name: string, appendOnly: boolean) =>
      template(
        `name: ${name}\nnamespace: mixed\n${appendOnly ? 'append_only: true\n' : ''}columns:\n  - { name: id, type: long }\n`,
        `${name}.yaml`,
      );
    const s = synthGlue({ templates: [mk('events', true), mk('dims', false), mk('logs', true)] });
    const deny = roleStatements(s.json, roleId(s, 'writer')).filter((x) => x.Effect === 'Deny');
    expect(deny.flatMap((x) => asList(x.Resource))).toEqual([
      `arn:aws:s3:::${BUCKET}/warehouse/mixed/events/*`,
      `arn:aws:s3:::${BUCKET}/warehouse/mixed/logs/*`,
    ]);
  });
});

describe('per-tier trust (access.readers, access.writers, access.admins)', () => {
  const READERS = ['arn:aws:iam::111122223333:role/analysts', '444455556666'];
  const WRITERS = ['arn:aws:iam::111122223333:role/etl'];
  const trustOf = (s: Synthesized, tier: string) =>
    parsePolicy(
      Object.values(resourcesOf(s.json, 'aws_iam_role')).find((r) => r.name === `acme-test-lakehouse-${tier}`)!.assume_role_policy,
    ).Statement;

  it("lets each tier's principals assume that tier's role and no other; an empty list trusts the account root", () => {
    const s = synthGlue({ readers: READERS, writers: WRITERS });
    expect(trustOf(s, 'reader')[0]!.Principal).toEqual({ AWS: [...READERS].sort() });
    expect(trustOf(s, 'writer')[0]!.Principal).toEqual({ AWS: WRITERS[0] });
    // Admins not listed: the admin role trusts the account root (IAM decides), not the readers.
    expect(trustOf(s, 'admin')[0]!.Principal.AWS).toMatch(/:root$/);
    for (const tier of ['writer', 'admin']) expect(JSON.stringify(trustOf(s, tier))).not.toContain('analysts');
  });

  it("warns above IAM's default trust-policy quota and refuses above the most it can be raised to, measured as written", () => {
    const roles = (n: number) =>
      Array.from({ length: n }, (_, i) => `arn:aws:iam::111122223333:role/analytics-team-${String(i).padStart(3, '0')}`);
    const plan = (readers: string[]) =>
      planLakehouse(awsEnvironment('glue', `access:\n  readers: [${readers.join(', ')}]\n`), shippedTemplates());
    expect(trustPolicyProblems(plan(roles(30)))).toEqual([]);
    const [warning] = trustPolicyProblems(plan(roles(40)));
    expect(warning).toMatchObject({ path: ['access', 'readers'], severity: 'warning' });
    expect(warning!.message).toMatch(
      /^the reader role's trust policy would have \d+ characters, over IAM's default quota of 2048: the apply fails unless/,
    );
    expect(trustPolicyProblems(plan(roles(80)))).toMatchObject([{ path: ['access', 'readers'], severity: 'error' }]);
    expect(() => synthGlue({ readers: roles(80) })).toThrow(
      /access\.readers: the reader role's trust policy would have \d+ characters, over the 4096/,
    );
    // The measured length is the synthesized policy's.
    const measured = Number(/would have (\d+) characters/.exec(warning!.message)![1]);
    const written = Object.values(resourcesOf(synthGlue({ readers: roles(40) }).json, 'aws_iam_role')).find(
      (r) => r.name === 'acme-test-lakehouse-reader',
    )!;
    expect(String(written.assume_role_policy).length).toBe(measured);
  });

  it('rejects anything that is not an account id or IAM ARN, naming the key', () => {
    expect(() => synthGlue({ admins: ['*'] })).toThrow(/access\.admins\[0\]: '\*' is not an IAM principal \(an account id or/);
  });

  it('refuses an empty trust list in code (the composite passes the account root instead)', () => {
    const stack = awsTestStack();
    const glue = new GlueLakehouse(stack, 'glue', glueProps());
    expect(
      () =>
        new LakehouseAccessRoles(stack, 'roles', {
          prefix: 'x-y',
          layout: glue.layout,
          catalog: glue.catalog,
          scope: { partition: 'aws', region: 'us-east-1', account: '111122223333', bucketArn: 'arn:aws:s3:::b' },
          workgroupName: 'w',
          resultsPrefix: 'r',
          trust: { reader: [], writer: ['111122223333'], admin: [] },
        }),
    ).toThrow(/trust\.reader, trust\.admin: empty/);
  });
});

describe('grantRead / grantWrite / grantAdmin for roles of other stacks', () => {
  let s: Synthesized;
  beforeAll(() => {
    s = synthGlue({}, (lakehouse, stack) => {
      lakehouse.grantRead({ roleName: 'bi-dashboards', roleArn: 'arn:aws:iam::111122223333:role/bi-dashboards' });
      lakehouse.grantWrite({ roleName: 'ingest', roleArn: 'arn:aws:iam::111122223333:role/ingest' });
      const ops = new IamRole(stack, 'ops', { name: 'ops', assumeRolePolicy: '{}' });
      lakehouse.grantAdmin({ roleName: ops.name, roleArn: ops.arn }, 'ops');
    });
  });

  const attachmentsOf = (role: string) =>
    Object.values(resourcesOf(s.json, 'aws_iam_role_policy_attachment'))
      .filter((a) => a.role === role)
      .map((a) => a.policy_arn)
      .sort();
  const tierAttachments = (tier: string) => attachmentsOf(`\${aws_iam_role.${roleId(s, tier)}.name}`);
  const lfGrants = (principal: string) =>
    Object.values(resourcesOf(s.json, 'aws_lakeformation_permissions'))
      .filter((g) => g.principal === principal)
      .map(({ principal: _p, ...rest }) => rest);

  it('attach the same managed policies as the tier role', () => {
    expect(attachmentsOf('bi-dashboards')).toEqual(tierAttachments('reader'));
    expect(attachmentsOf('ingest')).toEqual(tierAttachments('writer'));
    expect(attachmentsOf('${aws_iam_role.ops.name}')).toEqual(tierAttachments('admin'));
    expect(attachmentsOf('ingest').length).toBe(2); // access + append-only deny
  });

  it('create the same Lake Formation grants as the tier role', () => {
    const tierGrants = (tier: string) => lfGrants(`\${aws_iam_role.${roleId(s, tier)}.arn}`);
    expect(lfGrants('arn:aws:iam::111122223333:role/bi-dashboards')).toEqual(tierGrants('reader'));
    expect(lfGrants('arn:aws:iam::111122223333:role/ingest')).toEqual(tierGrants('writer'));
    expect(lfGrants('${aws_iam_role.ops.arn}')).toEqual(tierGrants('admin'));
    expect(lfGrants('arn:aws:iam::111122223333:role/bi-dashboards').length).toBeGreaterThan(s.lakehouse.tableNames.length);
  });

  it('need an id when the role name is a reference, and refuse the same grant twice', () => {
    const stack = awsTestStack();
    const lakehouse = new GlueLakehouse(stack, 'glue', glueProps());
    const role = new IamRole(stack, 'r', { name: 'r', assumeRolePolicy: '{}' });
    expect(() => lakehouse.grantRead({ roleName: role.name, roleArn: role.arn })).toThrow(
      /grantRead: roleName is a Terraform reference, so pass an id/,
    );
    lakehouse.grantRead({ roleName: 'x', roleArn: 'arn:aws:iam::111122223333:role/x' });
    expect(() => lakehouse.grantRead({ roleName: 'x', roleArn: 'arn:aws:iam::111122223333:role/x' })).toThrow(
      /already granted under id 'x'/,
    );
    expect(() => synthStack(stack)).not.toThrow();
  });
});
