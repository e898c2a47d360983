import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../lib/cli/main';
import { ROOT } from '../support/synth';

function run(args: string[], cwd = ROOT): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const previous = process.cwd();
  process.chdir(cwd);
  try {
    const code = runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out, err };
  } finally {
    process.chdir(previous);
  }
}

// Audit off: with audit on, AWS-managed keys fail the policy pack (see validate-agrees-with-synth.test.ts).
const GOOD_ENV = 'name: dev\nproject: acme\ncloud: aws\ncatalog: glue\nregion: us-east-1\naudit: { enabled: false }\n';
const GOOD_TABLE = 'name: t1\nnamespace: ns\ncolumns:\n  - { name: id, type: long }\n';

describe('lakehouse validate', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'lakehouse-cli-'));
    mkdirSync(join(dir, 'good-templates'));
    mkdirSync(join(dir, 'bad-templates'));
    mkdirSync(join(dir, 'envs'));
    mkdirSync(join(dir, 'bad-envs'));
    writeFileSync(join(dir, 'good-templates', 't1.yaml'), GOOD_TABLE);
    writeFileSync(join(dir, 'envs', 'dev.yaml'), GOOD_ENV);
    writeFileSync(
      join(dir, 'bad-templates', 'a.yaml'),
      'name: a\nnamespace: ns\ncolumns:\n  - { name: id, type: "decimal(40,2)" }\n  - { name: x, type: strng }\ncolour: blue\n',
    );
    writeFileSync(join(dir, 'bad-templates', 'b.yaml'), 'name: b\nnamespace: ns\ncolumns: []\n');
    writeFileSync(join(dir, 'bad-envs', 'prod.yaml'), GOOD_ENV.replace('glue', 'biglake').replace('dev', 'prod'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('accepts the shipped templates and environments with exit 0', () => {
    const r = run(['validate']);
    expect(r.code).toBe(0);
    expect(r.out.join('\n')).toMatch(/^OK: 6 table templates in table-templates, 4 environments in environments$/);
    // The policy pack's warnings on the shipped environments (no S3 access-log bucket in dev and staging), as warnings.
    expect(r.err).toEqual([
      expect.stringMatching(/^warning: environments\/dev\.yaml:\d+:\d+: logging\.access_log_bucket: LH-S3-007: /),
      expect.stringMatching(/^warning: environments\/staging\.yaml:\d+:\d+: logging\.access_log_bucket: LH-S3-007: /),
      '2 warnings, no problems.',
    ]);
  });

  it('reports every problem of every file as <file>:<line>:<col>: <field>: <message> and exits 1', () => {
    const r = run(['validate', '--templates', 'bad-templates', '--environments', 'bad-envs'], dir);
    expect(r.code).toBe(1);
    const lines = r.err.slice(0, -1);
    expect(lines).toEqual([
      "bad-envs/prod.yaml:4:10: catalog: catalog 'biglake' does not exist on aws; use glue or nessie",
      'bad-templates/a.yaml:4:23: columns[0].type: decimal precision 40 is out of range: Iceberg allows 1 to 38',
      expect.stringMatching(/^bad-templates\/a\.yaml:5:22: columns\[1\]\.type: "strng" is not an Iceberg type \(did you mean string\?\)/),
      expect.stringMatching(/^bad-templates\/a\.yaml:6:1: colour: unknown key 'colour'; allowed keys: name, namespace/),
      expect.stringMatching(/^bad-templates\/b\.yaml:3:10: columns: must have at least 1 item/),
    ]);
    expect(r.err.at(-1)).toBe('5 problems found; nothing was synthesized.');
  });

  it('reports the semantic problems once the schema passes, each with its line', () => {
    writeFileSync(
      join(dir, 'bad-templates', 'a.yaml'),
      'name: a\nnamespace: ns\ncolumns:\n  - { name: id, type: "decimal(40,2)" }\n  - { name: x, type: strng }\n',
    );
    const r = run(['validate', '--templates', 'bad-templates', '--environments', 'envs'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain('bad-templates/a.yaml:4:23: columns[0].type: decimal precision 40 is out of range: Iceberg allows 1 to 38');
    expect(r.err.some((l) => l.startsWith('bad-templates/a.yaml:5:22: columns[1].type: "strng" is not an Iceberg type'))).toBe(true);
  });

  it('accepts --flag=value and a single environment file', () => {
    const r = run(['validate', '--templates=good-templates', `--environments=${join('envs', 'dev.yaml')}`], dir);
    expect(r.code).toBe(0);
  });

  it.each([
    [['frob'], "lakehouse: unknown command 'frob'"],
    [['validat'], "lakehouse: unknown command 'validat' (did you mean validate?)"],
    [[], 'lakehouse: missing command'],
    [['validate', '--templates'], 'lakehouse validate: --templates needs a value'],
    [['validate', '--templates', '--environments', 'envs'], 'lakehouse validate: --templates needs a value'],
    [['validate', '--bogus', 'x'], "lakehouse validate: unknown option '--bogus'"],
    [['validate', '--template', 'x'], "lakehouse validate: unknown option '--template' (did you mean --templates?)"],
    [['validate', 'stray'], "lakehouse validate: unexpected argument 'stray'"],
    [['validate', '--templates', 'a', '--templates', 'b'], 'lakehouse validate: --templates is given more than once'],
  ])('exits 2 with the usage on bad usage %j', (args, message) => {
    const r = run(args);
    expect(r.code).toBe(2);
    expect(r.err[0]).toBe(message);
    expect(r.err.join('\n')).toMatch(/\nUsage: lakehouse /);
    expect(r.out).toEqual([]);
  });

  it('exits 2, in one line, when --templates or --environments does not exist', () => {
    const r = run(['validate', '--templates', 'no-such-folder', '--environments', 'envs'], dir);
    expect(r).toEqual({ code: 2, out: [], err: ["lakehouse validate: --templates 'no-such-folder' does not exist; give a folder"] });
    const e = run(['validate', '--templates', 'good-templates', '--environments', 'nope.yaml'], dir);
    expect(e).toEqual({
      code: 2,
      out: [],
      err: ["lakehouse validate: --environments 'nope.yaml' does not exist; give a folder of environment files or one file"],
    });
  });

  it('runs as the package bin without a stack trace', () => {
    const bin = join(ROOT, 'bin', 'lakehouse.cjs');
    // The shipped environments validate with policy warnings (no access-log bucket in dev and staging).
    const ok = spawnSync('node', [bin, 'validate'], { cwd: ROOT, encoding: 'utf8' });
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^OK: /);
    expect(ok.stderr).toMatch(/^warning: environments\/dev\.yaml:\d+:\d+: logging\.access_log_bucket: LH-S3-007: /m);
    const bad = spawnSync('node', [bin, 'validate', '--templates', 'bad-templates', '--environments', 'bad-envs'], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(bad.status).toBe(1);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    const usage = spawnSync('node', [bin, 'nope'], { cwd: ROOT, encoding: 'utf8' });
    expect(usage.status).toBe(2);
  });

  it('decimal(38,0) is valid Iceberg: an error only for a GCP environment, naming that environment and the template', () => {
    mkdirSync(join(dir, 'wide', 'envs'), { recursive: true });
    mkdirSync(join(dir, 'wide', 'templates'));
    writeFileSync(
      join(dir, 'wide', 'templates', 'ledger.yaml'),
      'name: ledger\nnamespace: fin\ncolumns:\n  - { name: amount, type: "decimal(38,0)" }\n',
    );
    writeFileSync(join(dir, 'wide', 'envs', 'dev.yaml'), GOOD_ENV);
    const aws = run(['validate', '--templates', 'wide/templates', '--environments', 'wide/envs'], dir);
    expect(aws.code).toBe(0);
    const gcp = 'name: gdev\nproject: acme\ncloud: gcp\ncatalog: biglake\nregion: europe-west1\ngcp: { project_id: acme-gdev-1 }\n';
    writeFileSync(join(dir, 'wide', 'envs', 'gdev.yaml'), gcp);
    const r = run(['validate', '--templates', 'wide/templates', '--environments', 'wide/envs'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toEqual([
      'wide/templates/ledger.yaml:4:27: columns[0].type: decimal(38,0) needs BIGNUMERIC, which BigQuery-managed Iceberg tables do not support; ' +
        'use a decimal with scale <= 9 and at most 29 integer digits (e.g. decimal(38,9)) or set gcp.metadata_uri to read it as an Iceberg external table ' +
        '(environment wide/envs/gdev.yaml puts this table in BigQuery)',
      '1 problem found; nothing was synthesized.',
    ]);
  });
});
