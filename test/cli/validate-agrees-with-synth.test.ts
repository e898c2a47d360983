import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../lib/cli/main';
import { loadSynthesisCheck } from '../../lib/cli/validate-command';
import { loadEnvironments } from '../../lib/model/load-environments';
import { loadTableTemplates } from '../../lib/model/load-templates';
import { synthesizeLakehouse } from '../../stacks/app';
import { ROOT, TEMPLATES_DIR } from '../support/synth';

const work = mkdtempSync(join(tmpdir(), 'lh-validate-synth-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const AWS = 'name: c1\nproject: acme\ncloud: aws\ncatalog: glue\nregion: eu-west-1\n';
const GCP =
  'name: c1\nproject: acme\ncloud: gcp\ncatalog: biglake\nregion: europe-west1\ngcp: { project_id: acme-c-1, accept_unenforced_append_only: true }\n';
const QUIET_AWS = `${AWS}audit: { enabled: false }\n`;

interface Case {
  readonly environment: string;
  /** Extra template files (name → YAML) beside the shipped templates. */
  readonly templates?: Readonly<Record<string, string>>;
}

/** Input `lakehouse validate` and `cdktf synth` are both given; whether each accepts it must agree. */
const CASES: Readonly<Record<string, Case>> = {
  'a valid AWS environment': { environment: QUIET_AWS },
  'a valid GCP environment': { environment: GCP },
  'a valid environment with policy warnings only': {
    environment: `${AWS}encryption: { customer_managed_key: true }\n`,
  },
  'a template with a typo in a column type': {
    environment: QUIET_AWS,
    templates: { 'typo.yaml': 'name: t\nnamespace: ns\ncolumns:\n  - { name: id, type: strng }\n' },
  },
  'an environment the model rejects': { environment: QUIET_AWS.replace('glue', 'biglake') },
  // Customer-managed keys are on by default; off, the hipaa profile refuses them as well.
  'an environment failing the hipaa profile (policy pack)': {
    environment: `${AWS}compliance: hipaa\nencryption: { customer_managed_key: false }\n`,
  },
  'an environment failing the soc2 profile on Nessie (policy pack)': {
    environment: `${AWS.replace('glue', 'nessie')}compliance: soc2\naudit: { enabled: false }\n`,
  },
  'a GCP environment failing the hipaa profile (policy pack)': { environment: `${GCP}compliance: hipaa\n` },
  // Short retentions are valid: the log files then skip the storage classes they would leave early.
  'an audit retention of one day': {
    environment: `${AWS}encryption: { customer_managed_key: true }\naudit: { retention_days: 1 }\n`,
  },
  // Audit on with AWS-managed keys: CloudTrail needs SSE-S3 on its bucket, which the pack refuses (LH-S3-001).
  'the minimal AWS environment (audit on, AWS-managed keys)': { environment: AWS },
};

function caseDir(name: string, c: Case): { templates: string; environments: string; out: string } {
  const dir = join(work, name.replace(/[^a-z0-9]+/gi, '-'));
  const templates = join(dir, 'templates');
  cpSync(TEMPLATES_DIR, templates, { recursive: true });
  for (const [file, yaml] of Object.entries(c.templates ?? {})) writeFileSync(join(templates, file), yaml);
  mkdirSync(join(dir, 'envs'));
  writeFileSync(join(dir, 'envs', 'c1.yaml'), c.environment);
  return { templates, environments: join(dir, 'envs'), out: join(dir, 'cdktf.out') };
}

function validate(templates: string, environments: string): { code: number; err: string[] } {
  const err: string[] = [];
  const code = runCli(['validate', '--templates', templates, '--environments', environments], {
    out: () => undefined,
    err: (l) => err.push(l),
  });
  return { code, err };
}

function synthFails(templates: string, environments: string, outdir: string): boolean {
  try {
    synthesizeLakehouse({ templatesDir: templates, environmentsDir: environments, outdir });
    return false;
  } catch {
    return true;
  }
}

describe('lakehouse validate fails exactly when synthesis fails', () => {
  const results = new Map<string, { code: number; err: string[]; synthFailed: boolean }>();
  const result = (name: string) => {
    if (!results.has(name)) {
      const dirs = caseDir(name, CASES[name]!);
      const v = validate(dirs.templates, dirs.environments);
      results.set(name, { ...v, synthFailed: synthFails(dirs.templates, dirs.environments, dirs.out) });
    }
    return results.get(name)!;
  };

  it.each(Object.keys(CASES))('%s', (name) => {
    const r = result(name);
    expect(r.code === 1, r.err.join('\n')).toBe(r.synthFailed);
    expect([0, 1]).toContain(r.code);
  });

  it('covers both outcomes and failures found only while building the stacks', () => {
    expect(result('a valid AWS environment').synthFailed).toBe(false);
    expect(result('a valid GCP environment')).toMatchObject({ code: 0, synthFailed: false });
    expect(result('a valid environment with policy warnings only')).toMatchObject({ code: 0, synthFailed: false });
    expect(result('an audit retention of one day')).toMatchObject({ code: 0, synthFailed: false });
    expect(result('an environment failing the hipaa profile (policy pack)')).toMatchObject({ code: 1, synthFailed: true });
  });

  it('reports policy findings at the environment key to change, in the file’s terms, each once', () => {
    const { err } = result('an environment failing the hipaa profile (policy pack)');
    const problems = err.slice(0, -1);
    expect(problems.every((l) => l.includes('/envs/c1.yaml:'))).toBe(true);
    const at = (key: string) => problems.filter((l) => l.includes(`: ${key}: `)).map((l) => l.split(`: ${key}: `)[1]!.split(':')[0]);
    expect(at('encryption.customer_managed_key').sort()).toEqual(['LH-CT-003', 'LH-PRF-003', 'LH-S3-001']);
    expect(at('access.lake_formation_admins')).toEqual(['LH-PRF-007']);
    // The table provisioner's log group keeps logging.retention_days (365 by default), under six years.
    expect(at('logging.retention_days')).toEqual(['LH-PRF-002']);
    // Two buckets without access logs: one line naming both.
    expect(at('logging.access_log_bucket')).toEqual(['LH-S3-007']);
    expect(problems.find((l) => l.includes('LH-S3-007'))).toMatch(
      /c1\/lakehouse\/audit\/storage\/bucket, c1\/lakehouse\/bucket\/storage\/bucket/,
    );
    // The fix names the YAML key, never the Terraform attribute the rule inspects.
    for (const line of problems) expect(line.split('; ').slice(1).join('; ')).not.toMatch(/kms_key_id|aws_s3_bucket_|sse_algorithm|Fix:/);
    expect(new Set(problems).size).toBe(problems.length);
    expect(err.at(-1)).toMatch(/^\d+ problems found; nothing was synthesized\.$/);
  });

  it('prints policy warnings as warnings without failing', () => {
    const { err } = result('a valid environment with policy warnings only');
    expect(err.length).toBeGreaterThan(1);
    expect(err.slice(0, -1).every((l) => l.startsWith('warning: '))).toBe(true);
    expect(err.some((l) => /logging\.access_log_bucket: LH-S3-007/.test(l))).toBe(true);
    expect(err.at(-1)).toMatch(/^\d+ warnings, no problems\.$/);
  });

  it('reports a construct refusing its props with the environment file and the construct', () => {
    // The model refuses every such value read from YAML; settings built in code reach the constructs.
    const dirs = caseDir('construct refusal', { environment: `${AWS}encryption: { customer_managed_key: true }\n` });
    const [env] = loadEnvironments(dirs.environments);
    // Loaded as the CLI loads it, so the stacks and the errors they throw come from one module graph.
    const problems = loadSynthesisCheck().synthesisProblems(
      [{ ...env!, audit: { ...env!.audit, retentionDays: 0 } }],
      loadTableTemplates(dirs.templates),
    );
    const errors = problems.filter((p) => p.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.file).toBe(join(dirs.environments, 'c1.yaml'));
    expect(errors[0]!.message).toBe('c1/lakehouse/audit: retentionDays is 0; it must be a whole number from 1 to 36500');
  });

  it('writes nothing: no output folder and no temporary folder left', () => {
    const before = readdirSync(tmpdir()).filter((f) => f.startsWith('lakehouse-validate-'));
    const dirs = caseDir('writes nothing', { environment: `${AWS}compliance: hipaa\n` });
    validate(dirs.templates, dirs.environments);
    expect(readdirSync(tmpdir()).filter((f) => f.startsWith('lakehouse-validate-'))).toEqual(before);
    expect(readdirSync(join(dirs.environments, '..'))).toEqual(['envs', 'templates']);
  });
});

describe('lakehouse validate with one cloud’s provider installed', () => {
  it('runs the synthesis checks of that cloud’s environments and says which it could not check', () => {
    const dir = join(work, 'one-provider');
    mkdirSync(join(dir, 'envs'), { recursive: true });
    writeFileSync(join(dir, 'envs', 'aws.yaml'), `${AWS}compliance: hipaa\nencryption: { customer_managed_key: false }\n`);
    writeFileSync(join(dir, 'envs', 'gcp.yaml'), GCP.replace('name: c1', 'name: g1'));
    // The Google provider "not installed": every require of it fails as a missing package would.
    const script = `
      const Module = require('node:module');
      const resolve = Module._resolveFilename;
      Module._resolveFilename = function (request, ...rest) {
        if (request.startsWith('@cdktf/provider-google')) {
          const e = new Error("Cannot find module '" + request + "'");
          e.code = 'MODULE_NOT_FOUND';
          throw e;
        }
        return resolve.call(this, request, ...rest);
      };
      const err = [];
      const code = require('./lib/cli/main').runCli(['validate', '--templates', ${JSON.stringify(TEMPLATES_DIR)}, '--environments', ${JSON.stringify(join(dir, 'envs'))}], { out: () => {}, err: (l) => err.push(l) });
      process.stdout.write(JSON.stringify({ code, err }));
    `;
    const r = spawnSync(join(ROOT, 'node_modules', '.bin', 'tsx'), ['-e', script], { cwd: ROOT, encoding: 'utf8' });
    const { code, err } = JSON.parse(r.stdout) as { code: number; err: string[] };
    expect(code).toBe(1);
    expect(err.some((l) => /aws\.yaml:\d+:\d+: encryption\.customer_managed_key: LH-PRF-003: /.test(l))).toBe(true);
    expect(err).toContain(
      `warning: ${join(dir, 'envs', 'gcp.yaml')}:1:1: (document): synthesis checks skipped: '@cdktf/provider-google/lib/provider' is not installed (install the provider of cloud: gcp to synthesize this environment)`,
    );
  });
});
