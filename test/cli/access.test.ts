import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../lib/cli/main';
import { resource, shippedCopy, shippedStacks } from '../policy/access/access-fixtures';
import { ROOT, TEMPLATES_DIR } from '../support/synth';
import { useTempDirs } from '../support/temp-dirs';

const tempDir = useTempDirs();

function run(args: string[]): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe('lakehouse access', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('lakehouse-access-');
    // prod as shipped, and with the admin holding Lake Formation ALL on the append-only namespace compliance.
    const broken = shippedCopy('prod');
    resource(broken, 'aws_lakeformation_permissions', 'admin-grants_tables-compliance_')[1].permissions = ['ALL'];
    for (const [name, json] of [
      ['fixed-prod', shippedStacks().get('prod')],
      ['prod', broken],
    ] as const) {
      mkdirSync(join(dir, 'stacks', name), { recursive: true });
      writeFileSync(join(dir, 'stacks', name, 'cdk.tf.json'), JSON.stringify(json));
    }
    writeFileSync(join(dir, 'broken.json'), '{ not json');
    mkdirSync(join(dir, 'bad-templates'));
    writeFileSync(join(dir, 'bad-templates', 'a.yaml'), 'name: a\nnamespace: ns\ncolumns: []\n');
  });

  it('exits 0 and says so when the tier table holds', () => {
    const { code, out, err } = run(['access', '--stack', join(dir, 'stacks', 'fixed-prod'), '--templates', TEMPLATES_DIR]);
    expect({ code, err }).toEqual({ code: 0, err: [] });
    expect(out[0]).toBe('Access report for stack fixed-prod: 6 tables, 9 principals'); // the tiers, the services, the table-provisioning role
    expect(out.at(-1)).toBe('OK: the tier table holds for every principal and table.');
    expect(out).toContainEqual(expect.stringMatching(/^acme-lake-prod-lakehouse-reader +reader +core\.customer_dim +public +- +- +-$/));
  });

  it('exits 1 with one line per violation naming principal, table, capability and resource', () => {
    const { code, out } = run(['access', '--stack', join(dir, 'stacks', 'prod', 'cdk.tf.json'), '--templates', TEMPLATES_DIR]);
    expect(code).toBe(1);
    const lines = out.filter((l) => l.startsWith('violation: '));
    expect(out).toContain(`${lines.length} violations:`);
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^violation: acme-lake-prod-lakehouse-admin \[admin\] compliance\.audit_trail: can delete data of an append-only table — via aws_lakeformation_permissions\.lakehouse_glue_access_admin-grants_tables-compliance_\w+ \(Lake Formation ALL/,
      ),
    );
  });

  it('--format json prints exactly the report on stdout and the violations on stderr', () => {
    const { code, out, err } = run(['access', '--stack', join(dir, 'stacks', 'prod'), '--templates', TEMPLATES_DIR, '--format', 'json']);
    expect(code).toBe(1);
    expect(out).toHaveLength(1);
    const report = JSON.parse(out[0]!) as { stack: string; principals: Record<string, { tier: string; tables: Record<string, unknown> }> };
    expect(report.stack).toBe('prod');
    expect(Object.keys(report.principals['acme-lake-prod-lakehouse-writer']!.tables)).toHaveLength(6);
    expect(report.principals['acme-lake-prod-lakehouse-writer']!.tier).toBe('writer');
    expect(err.length).toBeGreaterThan(0);
    expect(err.every((l) => l.startsWith('violation: '))).toBe(true);
  });

  it.each([
    [['access'], '--stack'],
    [['access', '--stack'], '--stack'],
    [['access', '--stack', 'x', '--colour', 'red'], '--colour'],
    [['access', '--stack', 'nowhere'], "--stack 'nowhere': no cdk.tf.json there"],
    [['access', '--stack', 'stacks-of-x', 'extra'], 'extra'],
  ])('exits 2 on usage errors: %j', (args, message) => {
    const { code, err } = run(args);
    expect(code).toBe(2);
    expect(err[0]).toMatch(/^lakehouse access: /);
    expect(err[0]).toContain(message);
  });

  it('exits 2 on an unknown format and invalid JSON, 1 on invalid templates', () => {
    expect(run(['access', '--stack', join(dir, 'stacks', 'prod'), '--format', 'yaml']).err[0]).toBe(
      "lakehouse access: --format 'yaml' is not one of text, json",
    );
    const broken = run(['access', '--stack', join(dir, 'broken.json')]);
    expect(broken.code).toBe(2);
    expect(broken.err[0]).toMatch(/not valid JSON/);
    const templates = run(['access', '--stack', join(dir, 'stacks', 'prod'), '--templates', join(dir, 'bad-templates')]);
    expect(templates.code).toBe(1);
    expect(templates.err.at(-1)).toMatch(/no access report was made\.$/);
  });

  it('.ci/run checks every synthesized stack after synthesis and fails on a non-zero exit', () => {
    const ci = readFileSync(join(ROOT, '.ci', 'run'), 'utf8');
    const synth = ci.indexOf('npm run --silent synth');
    const access = ci.indexOf('node bin/lakehouse.cjs access --stack "$stack"');
    expect(synth).toBeGreaterThan(0);
    expect(access).toBeGreaterThan(synth);
    expect(ci.slice(synth, access)).toContain('for stack in cdktf.out/stacks/*/; do');
    expect(ci.slice(access)).toMatch(/\[ "\$access_status" -eq 0 \] \|\| \{[^}]*fail "lakehouse access/);
  });

  it('runs through bin/lakehouse.cjs with the default templates folder', () => {
    const result = spawnSync(
      process.execPath,
      [join(ROOT, 'bin', 'lakehouse.cjs'), 'access', '--stack', join(dir, 'stacks', 'fixed-prod')],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/OK: the tier table holds/);
  });
});
