import { beforeAll, describe, expect, it } from 'vitest';
import { nessieAuthorizationRules, NESSIE_OPERATIONS } from '../../../lib/aws/nessie';
import { onlyResource, awsEnvironment } from '../../support/synth';
import { NessieAuthorizer, type NessieCheck } from './nessie-cel';
import { CERT, synthNessie } from './nessie-fixtures';

/** The checks Nessie 0.108.4 runs for each operation (services/impl/TreeApiImpl, ContentApiImpl; AbstractBatchAccessChecker). */
const TABLE = 'core.customer_dim';
const OPERATIONS: Record<string, (ref: string) => NessieCheck[]> = {
  'list references': (ref) => [{ op: 'VIEW_REFERENCE', ref }],
  'read entries': (ref) => [
    { op: 'VIEW_REFERENCE', ref },
    { op: 'READ_ENTRIES', ref },
  ],
  'read commit log': (ref) => [
    { op: 'VIEW_REFERENCE', ref },
    { op: 'LIST_COMMIT_LOG', ref },
  ],
  'load table': (ref) => [
    { op: 'VIEW_REFERENCE', ref },
    { op: 'READ_ENTITY_VALUE', ref, path: TABLE, contentType: 'ICEBERG_TABLE' },
  ],
  'commit to table': (ref) => [
    { op: 'VIEW_REFERENCE', ref },
    { op: 'COMMIT_CHANGE_AGAINST_REFERENCE', ref },
    { op: 'UPDATE_ENTITY', ref, path: TABLE, contentType: 'ICEBERG_TABLE' },
  ],
  'create table': (ref) => [
    { op: 'VIEW_REFERENCE', ref },
    { op: 'COMMIT_CHANGE_AGAINST_REFERENCE', ref },
    { op: 'CREATE_ENTITY', ref, path: TABLE, contentType: 'ICEBERG_TABLE' },
  ],
  'drop table': (ref) => [
    { op: 'VIEW_REFERENCE', ref },
    { op: 'COMMIT_CHANGE_AGAINST_REFERENCE', ref },
    { op: 'DELETE_ENTITY', ref, path: TABLE, contentType: 'ICEBERG_TABLE' },
  ],
  'create reference': (ref) => [
    { op: 'CREATE_REFERENCE', ref },
    { op: 'VIEW_REFERENCE', ref: 'main' },
  ],
  'reset reference': (ref) => [
    { op: 'VIEW_REFERENCE', ref },
    { op: 'ASSIGN_REFERENCE_TO_HASH', ref },
  ],
  'delete reference': (ref) => [
    { op: 'VIEW_REFERENCE', ref },
    { op: 'DELETE_REFERENCE', ref },
  ],
};

type Row = [operation: string, ref: string, reader: boolean, writer: boolean, admin: boolean];
/** The intended model: reader reads; writer commits to main and `ingest` (listed), creates/resets `ingest`; admin does everything. */
const EXPECTED: Row[] = [
  ['list references', 'main', true, true, true],
  ['read entries', 'main', true, true, true],
  ['read entries', 'feature-x', true, true, true],
  ['read commit log', 'main', true, true, true],
  ['load table', 'main', true, true, true],
  ['commit to table', 'main', false, true, true],
  ['commit to table', 'ingest', false, true, true],
  ['commit to table', 'feature-x', false, false, true],
  ['create table', 'main', false, false, true],
  ['drop table', 'main', false, false, true],
  ['create reference', 'ingest', false, true, true],
  ['create reference', 'feature-x', false, false, true],
  ['reset reference', 'ingest', false, true, true],
  ['reset reference', 'main', false, false, true],
  ['delete reference', 'ingest', false, false, true],
  ['delete reference', 'feature-x', false, false, true],
];

const envOf = (json: unknown): Record<string, string> => {
  const task = onlyResource(json as never, 'aws_ecs_task_definition');
  const [container] = JSON.parse(task.container_definitions as string);
  return Object.fromEntries(container.environment.map((e: { name: string; value: string }) => [e.name, e.value]));
};
/** The rules exactly as the task definition sets them. */
const emittedRules = (env: Record<string, string>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(env)
      .filter(([k]) => k.startsWith('NESSIE_SERVER_AUTHORIZATION_RULES_'))
      .map(([k, v]) => [k.slice('NESSIE_SERVER_AUTHORIZATION_RULES_'.length).toLowerCase(), v]),
  );

describe('Nessie authorization rules of a Cognito deployment, evaluated as Nessie evaluates them', () => {
  let authorizer: NessieAuthorizer;
  beforeAll(() => {
    const env = awsEnvironment(
      'nessie',
      `nessie:\n  certificate_arn: ${CERT}\n  host_name: nessie.example.com\n  auth:\n    writer_branches: [ingest]\n`,
    );
    const rules = emittedRules(envOf(synthNessie({ nessie: env.nessie }).json));
    expect(Object.keys(rules).sort()).toEqual(['admin', 'reader', 'writer']);
    authorizer = new NessieAuthorizer(rules);
  });

  const token = (scope: string) => ({ role: '4tq3example0client0id', roles: [scope] });

  it.each(EXPECTED)('%s on %s: reader %s, writer %s, admin %s', (operation, ref, reader, writer, admin) => {
    const checks = OPERATIONS[operation]!(ref);
    expect(authorizer.allowsAll(token('nessie/reader'), checks)).toBe(reader);
    expect(authorizer.allowsAll(token('nessie/writer'), checks)).toBe(writer);
    expect(authorizer.allowsAll(token('nessie/admin'), checks)).toBe(admin);
  });

  it('denies every operation to a token without a tier scope, and to unknown scopes', () => {
    for (const op of NESSIE_OPERATIONS) {
      for (const roles of [[], ['nessie/other'], ['catalog'], ['NESSIE/ADMIN']]) {
        expect(authorizer.allows({ role: 'x', roles }, { op, ref: 'main', path: TABLE })).toBe(false);
      }
    }
  });

  it('keeps repository configuration changes with admins', () => {
    const check = { op: 'UPDATE_REPOSITORY_CONFIG' };
    expect(authorizer.allows(token('nessie/reader'), check)).toBe(false);
    expect(authorizer.allows(token('nessie/writer'), check)).toBe(false);
    expect(authorizer.allows(token('nessie/admin'), check)).toBe(true);
  });

  it("disables Nessie's view-all default: the rules mention VIEW_REFERENCE", () => {
    expect(authorizer.allows({ role: '', roles: [] }, { op: 'VIEW_REFERENCE', ref: 'main' })).toBe(false);
  });
});

describe('Nessie authorization rules', () => {
  it('use the tier roles of an external issuer', () => {
    const env = awsEnvironment(
      'nessie',
      [
        'nessie:',
        `  certificate_arn: ${CERT}`,
        '  host_name: nessie.example.com',
        '  auth:',
        '    mode: external',
        '    issuer_url: https://login.example.com/realms/data',
        '    audience: nessie',
        '    roles_claim: groups',
        '    tier_roles: { reader: lake-readers, writer: lake-writers, admin: lake-admins }',
        '',
      ].join('\n'),
    );
    const authorizer = new NessieAuthorizer(emittedRules(envOf(synthNessie({ nessie: env.nessie }).json)));
    const commit = OPERATIONS['commit to table']!('main');
    expect(authorizer.allowsAll({ role: 'etl', roles: ['lake-writers'] }, commit)).toBe(true);
    expect(authorizer.allowsAll({ role: 'etl', roles: ['nessie/writer'] }, commit)).toBe(false);
    expect(authorizer.allowsAll({ role: 'bi', roles: ['lake-readers'] }, commit)).toBe(false);
    expect(authorizer.allowsAll({ role: 'ops', roles: ['lake-readers', 'lake-admins'] }, OPERATIONS['drop table']!('main'))).toBe(true);
  });

  it('without writer branches, writers commit to main only and create no references', () => {
    const rules = nessieAuthorizationRules({
      tierRoles: { reader: 'nessie/reader', writer: 'nessie/writer', admin: 'nessie/admin' },
      writerBranches: [],
    });
    const authorizer = new NessieAuthorizer(rules);
    const writer = { role: 'w', roles: ['nessie/writer'] };
    expect(authorizer.allowsAll(writer, OPERATIONS['commit to table']!('main'))).toBe(true);
    expect(authorizer.allowsAll(writer, OPERATIONS['commit to table']!('ingest'))).toBe(false);
    expect(authorizer.allowsAll(writer, OPERATIONS['create reference']!('ingest'))).toBe(false);
    expect(rules.writer).not.toMatch(/CREATE_REFERENCE/);
  });

  it('refuse values that would need escaping in a CEL string', () => {
    expect(() =>
      nessieAuthorizationRules({ tierRoles: { reader: "x' || true || '", writer: 'w', admin: 'a' }, writerBranches: [] }),
    ).toThrow(/cannot be quoted/);
  });
});
