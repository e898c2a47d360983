import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { nessieSecretReaders } from '../../lib/aws/nessie/nessie-auth-settings';
import { tierPrincipals } from '../../lib/plan/tiers';
import { describe, expect, it } from 'vitest';
import { NESSIE_DEFAULT_IMAGE_TAG } from '../../lib/model/environment';
import { checkEnvironments, loadEnvironments } from '../../lib/model/load-environments';
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
      allowUnlistedRegion: false,
      tags: {},
      compliance: 'none',
      protectData: true,
      backend: undefined,
      // Secure by default on AWS: a CMK unless the file says otherwise.
      customerManagedKey: true,
      storage: {
        bucketName: 'acme-test-lakehouse',
        warehousePrefix: 'warehouse',
        versioning: true,
        abortIncompleteMultipartDays: 7,
        tiering: 'automatic',
        infrequentAccessDays: 90,
        noncurrentExpirationDays: 30,
      },
      audit: { enabled: true, retentionDays: 2557, objectLock: 'none', accessAlerts: false },
      logging: { retentionDays: 365, accessLogBucket: undefined },
      access: { lakeFormationAdmins: [], readers: [], writers: [], admins: [], manageAccountSettings: false },
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
          secretReaders: {},
          cognitoDomain: 'acme-test-nessie',
          issuerUrl: undefined,
          audience: undefined,
          principalClaim: 'sub',
          rolesClaim: 'scope',
          tierRoles: { reader: 'nessie/reader', writer: 'nessie/writer', admin: 'nessie/admin' },
        },
      },
      snsTopicArn: undefined,
      notificationChannel: undefined,
      drift: { enabled: false, schedule: 'rate(1 hour)' },
      gcp: undefined,
      suppressions: [],
    });
  });

  it('GCP: no versioning by default, location defaults to the region; an SNS topic turns access alerts on', () => {
    const gcp = valid(GCP_BASE);
    expect(gcp.storage.versioning).toBe(false);
    expect(gcp.customerManagedKey).toBe(false);
    expect(valid(`${AWS_BASE}encryption:\n  customer_managed_key: false\n`).customerManagedKey).toBe(false);
    expect(gcp.gcp).toEqual({ projectId: 'acme-test-1', location: 'europe-west1', manageApis: true, acceptUnenforcedAppendOnly: true });
    expect(valid(GCP_BASE.replace('project_id: acme-test-1', 'project_id: acme-test-1\n  manage_apis: false')).gcp!.manageApis).toBe(false);
    expect(valid(GCP_BASE.replace('  accept_unenforced_append_only: true\n', '')).gcp?.acceptUnenforcedAppendOnly).toBe(false);
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
    expect(problems.map((p) => [p.line, p.column, p.field, p.message])).toEqual([
      [3, 8, 'cloud', '"azure" is not allowed; use one of: aws, gcp'],
    ]);
  });

  it('a malformed name or project is reported alone, without derived-name noise', () => {
    const problems = envProblems(`${AWS_BASE.replace('name: test', 'name: Test_1')}logging:\n  retention_days: 2190\n`);
    expect(problems.map((p) => p.field)).toEqual(['name']);
    expect(problems[0]!.message).toBe(
      '"Test_1" is not a valid name: at least two lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen',
    );
  });

  it('reports schema and semantic problems of one file together', () => {
    const problems = envProblems(`${NESSIE_BASE}colour: blue\ngcp:\n  project_id: acme-1\n`);
    expect(problems.map((p) => p.field)).toEqual(['colour', 'gcp']);
  });

  it('rejects unknown keys at any level, at the key', () => {
    const problems = envProblems(`${NESSIE_BASE}colour: blue\nnessie:\n  cpus: 2\n`);
    const top = problemAt(problems, 'colour');
    expect([top.line, top.column]).toEqual([6, 1]);
    expect(top.message).toMatch(/^unknown key 'colour'; allowed keys: name, project, cloud, catalog, region, allow_unlisted_region, tags/);
    expect(problemAt(problems, 'nessie.cpus').message).toMatch(
      /^unknown key 'cpus' \(did you mean cpu\?\); allowed keys: image_tag, cpu, memory/,
    );
  });
});

describe('blocks that belong together', () => {
  it('needs an enabled audit for object lock', () => {
    expect(problemAt(envProblems(`${AWS_BASE}audit:\n  enabled: false\n  object_lock: compliance\n`), 'audit.object_lock').message).toBe(
      'object_lock needs audit.enabled: true',
    );
  });

  it('takes infrequent_access_days only with tiering: infrequent_access', () => {
    // The default tiering changed from a STANDARD_IA/NEARLINE transition to automatic tiering: a file
    // that still sets the days is told how to keep the transition instead of silently losing it.
    expect(problemAt(envProblems(`${AWS_BASE}storage:\n  infrequent_access_days: 60\n`), 'storage.infrequent_access_days').message).toBe(
      "infrequent_access_days only applies with storage.tiering: infrequent_access (tiering is 'automatic'); set tiering: infrequent_access to keep the transition, or remove the days",
    );
    const kept = valid(`${AWS_BASE}storage:\n  tiering: infrequent_access\n  infrequent_access_days: 60\n`);
    expect(kept.storage).toMatchObject({ tiering: 'infrequent_access', infrequentAccessDays: 60 });
    expect(valid(`${GCP_BASE}storage:\n  tiering: none\n`).storage.tiering).toBe('none');
    expect(envProblems(`${AWS_BASE}storage:\n  tiering: glacier\n`).map((p) => p.field)).toEqual(['storage.tiering']);
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

describe('access: one trust list per tier', () => {
  it('refuses access.trusted_principals, naming the keys that replace it', () => {
    const p = problemAt(
      envProblems(`${AWS_BASE}access:\n  trusted_principals:\n    - arn:aws:iam::111122223333:role/etl\n`),
      'access.trusted_principals',
    );
    expect(p.message).toMatch(/was removed: .*access\.readers, access\.writers or access\.admins/);
    expect(p.line).toBeGreaterThan(0);
  });

  it('refuses a principal listed under two tiers (it could assume either role)', () => {
    const both = `${AWS_BASE}access:\n  readers: ['111122223333']\n  admins: ['111122223333']\n`;
    expect(problemAt(envProblems(both), 'access.admins[0]').message).toBe(
      "'111122223333' is also listed in access.readers; a principal may assume one tier's role only, so list it once",
    );
  });

  it('refuses Lake Formation keys on the Nessie path', () => {
    const nessieAccess = `${NESSIE_BASE}access:\n  manage_account_settings: true\n`;
    expect(problemAt(envProblems(nessieAccess), 'access.manage_account_settings').message).toContain('only catalog: glue uses');
  });

  it("keeps each tier's written Nessie secret readers; the AWS side defaults the others (nessieSecretReaders)", () => {
    const role = 'arn:aws:iam::111122223333:role/analysts';
    const user = 'arn:aws:iam::111122223333:user/ops';
    const base = `${NESSIE_BASE}nessie:\n  certificate_arn: arn:aws:acm:eu-west-1:111122223333:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b\n`;
    const access = `access:\n  readers: ['${role}', '111122223333']\n  admins: ['${user}']\n`;
    const none = parseEnv(`${base}${access}`).environment!;
    expect(none.nessie.auth.secretReaders).toEqual({});
    const written = parseEnv(`${base}  auth:\n    secret_readers: { reader: ['${user}'] }\n${access}`).environment!;
    expect(written.nessie.auth.secretReaders).toEqual({ reader: [user] });
    // The tier's IAM roles and users (account ids name no caller), unless the tier's list is written.
    expect(nessieSecretReaders(none.nessie.auth, tierPrincipals(none.access))).toEqual({ reader: [role], writer: [], admin: [user] });
    expect(nessieSecretReaders(written.nessie.auth, tierPrincipals(written.access))).toEqual({ reader: [user], writer: [], admin: [user] });
  });
});
