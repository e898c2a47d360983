import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { describe, expect, it } from 'vitest';
import { NESSIE_UUID_PATTERN } from '../../../lib/aws/nessie';
import { planLakehouse } from '../../../lib/plan';
import { awsEnvironment, parsePolicy, resourcesOf, shippedTemplates, type TfJson } from '../../support/synth';
import { BUCKET, CERT, KMS_KEY, STORAGE, synthNessie } from './nessie-fixtures';

const TABLES = planLakehouse(awsEnvironment('nessie'), shippedTemplates()).tables;
const READERS = ['arn:aws:iam::111122223333:role/analysts'];
const ADMINS = ['arn:aws:iam::111122223333:role/platform'];

/** Every statement of the managed policies attached to a role (by role name reference or literal). */
function attached(json: TfJson, roleName: string): Array<Record<string, any>> {
  const roles = resourcesOf(json, 'aws_iam_role');
  const id = Object.keys(roles).find((k) => roles[k]!.name === roleName);
  const names = new Set([roleName, id ? `\${aws_iam_role.${id}.name}` : roleName]);
  const policies = resourcesOf(json, 'aws_iam_policy');
  return Object.values(resourcesOf(json, 'aws_iam_role_policy_attachment'))
    .filter((a) => names.has(a.role))
    .flatMap((a) => parsePolicy(policies[/^\$\{aws_iam_policy\.([^.]+)\.arn\}$/.exec(a.policy_arn)![1]!]!.policy).Statement);
}

const objects = (keyPrefix: string) => `arn:aws:s3:::${BUCKET}/${keyPrefix}_${NESSIE_UUID_PATTERN}/*`;

describe('Nessie tier roles', () => {
  const s = synthNessie({ tables: TABLES, tierTrust: { reader: READERS, admin: ADMINS }, storage: { ...STORAGE, kmsKeyArn: KMS_KEY } });
  const trustOf = (tier: string) =>
    parsePolicy(
      Object.values(resourcesOf(s.json, 'aws_iam_role')).find((r) => r.name === `acme-test-lakehouse-${tier}`)!.assume_role_policy,
    ).Statement[0]!.Principal.AWS;

  it("creates <prefix>-lakehouse-reader|writer|admin, each trusted by its own tier's principals (the account root when none)", () => {
    expect(trustOf('reader')).toBe(READERS[0]);
    expect(trustOf('admin')).toBe(ADMINS[0]);
    expect(trustOf('writer')).toMatch(/:root$/);
  });

  it('lets readers read exactly the tables without restricted columns, by Nessie’s <table>_<uuid> folders, nothing else', () => {
    const statements = attached(s.json, 'acme-test-lakehouse-reader');
    const reads = statements.filter((x) => x.Effect === 'Allow' && [x.Action].flat().includes('s3:GetObject'));
    const readable = TABLES.filter((t) => t.restrictedColumns.length === 0);
    expect(readable.map((t) => t.key)).toEqual(['ml.customer_features']);
    expect(reads.flatMap((x) => [x.Resource].flat())).toEqual(readable.map((t) => objects(t.keyPrefix)));
    expect(statements.flatMap((x) => [x.Action].flat())).toEqual(['kms:Decrypt', 's3:GetObject']);
  });

  it('lets writers read and write the warehouse but never delete', () => {
    const statements = attached(s.json, 'acme-test-lakehouse-writer');
    const actions = statements.flatMap((x) => [x.Action].flat());
    expect(actions).toEqual(expect.arrayContaining(['s3:GetObject', 's3:PutObject', 's3:ListBucket']));
    expect(actions.filter((a) => a.startsWith('s3:Delete'))).toEqual([]);
    expect(statements.find((x) => x.Sid === 'ReadWriteWarehouseObjects')!.Resource).toBe(`arn:aws:s3:::${BUCKET}/warehouse/*`);
  });

  it('lets admins delete, except under the append-only tables (whole namespaces where every table is append-only)', () => {
    const statements = attached(s.json, 'acme-test-lakehouse-admin');
    expect(statements.find((x) => x.Sid === 'ReadWriteDeleteWarehouseObjects')!.Action).toContain('s3:DeleteObject');
    const deny = statements.find((x) => x.Effect === 'Deny')!;
    expect(deny.Action).toEqual(['s3:DeleteObject', 's3:DeleteObjectVersion']);
    expect(deny.Resource).toEqual(['analytics', 'compliance', 'pg_archive_sync'].map((ns) => `arn:aws:s3:::${BUCKET}/warehouse/${ns}/*`));
  });

  it('gives grantRead / grantWrite / grantAdmin (and grantDataAccess) exactly the tier role’s policies', () => {
    const granted = synthNessie({ tables: TABLES }, (l, stack) => {
      l.grantRead({ roleName: 'bi', roleArn: 'arn:aws:iam::111122223333:role/bi' });
      const etl = new IamRole(stack, 'etl', { name: 'etl', assumeRolePolicy: '{}' });
      l.grantWrite({ roleName: etl.name, roleArn: etl.arn }, 'etl');
      l.grantAdmin({ roleName: 'ops', roleArn: 'arn:aws:iam::111122223333:role/ops' });
      l.grantDataAccess({ roleName: 'legacy-read', roleArn: 'arn:aws:iam::111122223333:role/legacy-read' }, 'read');
    }).json;
    for (const [tier, role] of [
      ['reader', 'bi'],
      ['writer', 'etl'],
      ['admin', 'ops'],
      ['reader', 'legacy-read'],
    ] as const) {
      expect(attached(granted, role)).toEqual(attached(granted, `acme-test-lakehouse-${tier}`));
    }
  });

  it('needs an id for a grant to a role whose name is a reference, and refuses unknown access levels', () => {
    expect(() =>
      synthNessie({}, (l, stack) => {
        const r = new IamRole(stack, 'r', { name: 'r', assumeRolePolicy: '{}' });
        l.grantRead({ roleName: r.name, roleArn: r.arn });
      }),
    ).toThrow(/roleName is a Terraform reference, so pass an id/);
    expect(() =>
      synthNessie({}, (l) => l.grantDataAccess({ roleName: 'x', roleArn: 'arn:aws:iam::111122223333:role/x' }, 'admin' as never)),
    ).toThrow(/access is 'admin'; use 'read' or 'write'/);
  });

  it('with Cognito, each tier role reads its own tier’s client secret and no other; only the provisioner reads the provisioner’s', () => {
    const env = awsEnvironment('nessie', `nessie:\n  certificate_arn: ${CERT}\n`);
    const cognito = synthNessie({
      tables: TABLES,
      nessie: { certificateArn: CERT, hostName: 'nessie.internal.example.com', auth: env.nessie.auth },
    });
    const policies = Object.values(resourcesOf(cognito.json, 'aws_iam_role_policy')).filter((p) => /^nessie-oauth-/.test(p.name));
    const roles = resourcesOf(cognito.json, 'aws_iam_role');
    const tierOf = (ref: string) => roles[/^\$\{aws_iam_role\.([^.]+)\.name\}$/.exec(ref)![1]!]!.name.replace('acme-test-lakehouse-', '');
    expect(policies.map((p) => [tierOf(p.role), p.name]).sort()).toEqual([
      ['acme-test-table-provisioner', 'nessie-oauth-provisioner-secret'],
      ['admin', 'nessie-oauth-admin-secret'],
      ['reader', 'nessie-oauth-reader-secret'],
      ['writer', 'nessie-oauth-writer-secret'],
    ]);
  });
});
