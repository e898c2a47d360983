import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { App, Aspects, TerraformStack, Testing } from 'cdktf';
import fs, { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { AwsLakehouse } from '../../lib/aws/aws-lakehouse';
import { AwsLakehouseStack } from '../../lib/aws/aws-lakehouse-stack';
import { GcpLakehouseStack } from '../../lib/gcp/gcp-lakehouse-stack';
import { lakehouseDefaultTags } from '../../lib/plan';
import { appValidationFailures, LakehouseSynthesisError } from '../../lib/stack/app-validation';
import { synthesizeFromEnvironment, synthesizeLakehouse } from '../../stacks/app';
import { awsEnvironment, environmentFromYaml, gcpEnvironment, ROOT, shippedTemplates, TEMPLATES_DIR, type TfJson } from '../support/synth';

const dirs: string[] = [];
const tempDir = (prefix: string): string => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const warnings = (scope: { node: { findAll(): { node: { metadata: { type: string; data: unknown }[] } }[] } }): string[] =>
  scope.node
    .findAll()
    .flatMap((c) => c.node.metadata)
    .filter((m) => m.type === '@cdktf/warn')
    .map((m) => String(m.data));

describe('AwsLakehouseStack and GcpLakehouseStack (library API)', () => {
  it('tag every resource through the provider, run the policy pack and keep local state beside the output', () => {
    const stack = new AwsLakehouseStack(Testing.app(), 'dev', {
      environment: awsEnvironment('glue', 'tags: { team: data }\nencryption: { customer_managed_key: true }\n'),
      templates: shippedTemplates(),
    });
    const json = JSON.parse(Testing.synth(stack, true)) as any;
    expect(json.provider.aws[0].default_tags).toEqual([{ tags: lakehouseDefaultTags(stack.environment) }]);
    expect(json.provider.aws[0].default_tags[0].tags).toMatchObject({
      team: 'data',
      'lakehouse-environment': 'test',
      'managed-by': 'cdktf-lakehouse',
    });
    expect(json.terraform.backend.local.path).toBe('../../../terraform.test.tfstate');
    // The policy pack ran: its warnings are warning annotations; the provider carries the tags, so no other warning.
    expect(warnings(stack).map((w) => w.replace(/ \(warning\).*/, ''))).toEqual([
      'policy warning: LH-CT-004',
      'policy warning: LH-S3-007',
      'policy warning: LH-S3-007',
    ]);
  });

  it('label every Google resource through the provider', () => {
    const stack = new GcpLakehouseStack(Testing.app(), 'gcp', { environment: gcpEnvironment(), templates: shippedTemplates() });
    const json = JSON.parse(Testing.synth(stack, true)) as TfJson as any;
    expect(json.provider.google[0].default_labels).toEqual(lakehouseDefaultTags(stack.environment));
  });

  it('a composite in a stack whose provider lacks the tags warns how to add them', () => {
    const stack = new TerraformStack(Testing.app(), 'own');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    new AwsLakehouse(stack, 'lakehouse', {
      environment: awsEnvironment('glue', 'audit: { enabled: false }\n'),
      templates: shippedTemplates(),
    });
    Testing.synth(stack, true);
    expect(warnings(stack)).toEqual([
      expect.stringContaining(
        "the aws provider of this stack does not carry the lakehouse default tags of environment 'test'; set defaultTags: [{ tags: lakehouseDefaultTags(environment) }]",
      ),
    ]);
  });

  it('the policy pack fails synthesis with every finding of every stack, collected before writing', () => {
    const app = new App({ outdir: tempDir('lh-val-'), skipValidation: true });
    const env = environmentFromYaml('name: bad\nproject: acme\ncloud: aws\ncatalog: glue\nregion: eu-west-1\ncompliance: hipaa\n');
    new AwsLakehouseStack(app, 'bad', { environment: env, templates: shippedTemplates() });
    const failures = appValidationFailures(app);
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.every((f) => f.stack === 'bad' && f.constructPath === 'bad' && f.message.startsWith('policy: LH-'))).toBe(true);
    expect(new LakehouseSynthesisError(failures).message).toMatch(
      /^\d+ validation errors?; nothing was synthesized:\n {2}\[bad\] policy: LH-/,
    );
  });
});

describe('synthesizeLakehouse (what cdktf synth runs)', () => {
  const MINIMAL_AWS = 'name: a1\nproject: acme\ncloud: aws\ncatalog: glue\nregion: eu-west-1\naudit: { enabled: false }\n';
  /** A project folder with one environment file (envs/a.yaml), its output folder, and its synthesis. */
  function oneEnvironmentProject(prefix: string) {
    const dir = tempDir(prefix);
    const envs = join(dir, 'envs');
    mkdirSync(envs);
    writeFileSync(join(envs, 'a.yaml'), MINIMAL_AWS);
    const out = join(dir, 'cdktf.out');
    const synth = (outdir = out): void => synthesizeLakehouse({ templatesDir: TEMPLATES_DIR, environmentsDir: envs, outdir });
    return { dir, envs, out, synth };
  }

  it('replaces the output folder only when every stack synthesized; a failure leaves it as it was', () => {
    const { dir, out, synth } = oneEnvironmentProject('lh-atomic-');
    synth();
    const before = readFileSync(join(out, 'stacks', 'a1', 'cdk.tf.json'), 'utf8');

    // A second environment that fails the hipaa profile: nothing of this run may be written.
    writeFileSync(
      join(dir, 'envs', 'b.yaml'),
      'name: b1\nproject: acme\ncloud: aws\ncatalog: glue\nregion: eu-west-1\ncompliance: hipaa\n',
    );
    writeFileSync(
      join(dir, 'envs', 'a.yaml'),
      'name: a1\nproject: acme\ncloud: aws\ncatalog: glue\nregion: eu-west-1\ntags: { team: x }\n',
    );
    expect(synth).toThrow(LakehouseSynthesisError);
    expect(readFileSync(join(out, 'stacks', 'a1', 'cdk.tf.json'), 'utf8')).toBe(before);
    expect(existsSync(join(out, 'stacks', 'b1'))).toBe(false);
    expect(existsSync(`${out}.partial-${process.pid}`)).toBe(false);
  });

  it('leaves the folder of a stack that is gone, empty, for `cdktf synth` to remove (it fails when it cannot); run alone, removes it', () => {
    const { envs, out } = oneEnvironmentProject('lh-stale-stack-');
    const withStale = (leaveStaleStackFolders?: boolean): string[] => {
      mkdirSync(join(out, 'stacks', 'old'), { recursive: true });
      writeFileSync(join(out, 'stacks', 'old', 'cdk.tf.json'), '{}');
      synthesizeLakehouse({ templatesDir: TEMPLATES_DIR, environmentsDir: envs, outdir: out, leaveStaleStackFolders });
      expect(Object.keys((JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { stacks: object }).stacks)).toEqual(['a1']);
      return readdirSync(join(out, 'stacks')).sort();
    };
    expect(withStale(true)).toEqual(['a1', 'old']);
    expect(readdirSync(join(out, 'stacks', 'old'))).toEqual([]);
    expect(withStale()).toEqual(['a1']);
  });

  it('leaves stale stack folders exactly when cdktf-cli runs the app (its context names cdktfRelativeModules)', () => {
    const { dir, envs, out } = oneEnvironmentProject('lh-stale-cli-');
    const run = (env: NodeJS.ProcessEnv): string[] => {
      mkdirSync(join(out, 'stacks', 'old'), { recursive: true });
      expect(
        synthesizeFromEnvironment(dir, { LAKEHOUSE_TEMPLATES: TEMPLATES_DIR, LAKEHOUSE_ENVIRONMENTS: envs, CDKTF_OUTDIR: out, ...env }),
      ).toBe(0);
      return readdirSync(join(out, 'stacks')).sort();
    };
    expect(run({ CDKTF_CONTEXT_JSON: JSON.stringify({ cdktfRelativeModules: [] }) })).toEqual(['a1', 'old']);
    expect(run({})).toEqual(['a1']);
    expect(run({ CDKTF_CONTEXT_JSON: '{"other":1}', CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS: 'true' })).toEqual(['a1']);
    expect(run({ CDKTF_CONTEXT_JSON: 'not json' })).toEqual(['a1']);
    // The context is the one cdktf-cli hands the app it runs.
    const cli = readFileSync(join(ROOT, 'node_modules', 'cdktf-cli', 'bundle', 'bin', 'cmds', 'handlers.js'), 'utf8');
    expect(cli).toMatch(/\[\w+\.CONTEXT_ENV\]:JSON\.stringify\(\{\.\.\.\w+,cdktfRelativeModules:\w+\}\)/);
  });

  it('carries Terraform’s working files (.terraform/, the provider lock file) over to the new stack folders', () => {
    const { out, synth } = oneEnvironmentProject('lh-terraform-dir-');
    synth();
    const stack = join(out, 'stacks', 'a1');
    mkdirSync(join(stack, '.terraform', 'providers'), { recursive: true });
    writeFileSync(join(stack, '.terraform', 'providers', 'provider.bin'), 'binary');
    writeFileSync(join(stack, '.terraform.lock.hcl'), 'provider "registry.terraform.io/hashicorp/aws" {}');
    writeFileSync(join(stack, 'cdk.tf.json'), '{}');
    synth();
    expect(readFileSync(join(stack, '.terraform', 'providers', 'provider.bin'), 'utf8')).toBe('binary');
    expect(readFileSync(join(stack, '.terraform.lock.hcl'), 'utf8')).toContain('hashicorp/aws');
    expect(readFileSync(join(stack, 'cdk.tf.json'), 'utf8')).not.toBe('{}');
    expect(readdirSync(join(out, '..')).filter((f) => f.includes('.previous-') || f.includes('.partial-'))).toEqual([]);
  });

  it('still writes the new output when a working file cannot be carried over (a mount point, a file held open), and says so', () => {
    const { dir, out, synth } = oneEnvironmentProject('lh-terraform-busy-');
    synth();
    const stack = join(out, 'stacks', 'a1');
    mkdirSync(join(stack, '.terraform'));
    writeFileSync(join(stack, '.terraform.lock.hcl'), 'lock');
    const rename = fs.renameSync;
    const busy = vi.spyOn(fs, 'renameSync').mockImplementation((from, to) => {
      if (String(from).endsWith(`${join('stacks', 'a1')}/.terraform`)) throw Object.assign(new Error('busy'), { code: 'EBUSY' });
      rename(from, to);
    });
    // The ESM view of node:fs (what stacks/app.ts imports) follows the spy once synced.
    syncBuiltinESMExports();
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      synth();
      expect(stderr.mock.calls.map((c) => String(c[0]))).toEqual([
        expect.stringMatching(/^lakehouse: could not keep \S*stacks\/a1\/\.terraform \(EBUSY\); the next terraform init recreates it\n$/),
      ]);
    } finally {
      busy.mockRestore();
      syncBuiltinESMExports();
      stderr.mockRestore();
    }
    expect(readFileSync(join(stack, '.terraform.lock.hcl'), 'utf8')).toBe('lock');
    expect(existsSync(join(stack, 'cdk.tf.json'))).toBe(true);
    expect(readdirSync(dir).filter((f) => f.includes('.previous-') || f.includes('.partial-'))).toEqual([]);
  });

  it('refuses to replace an output folder holding Terraform state (where versions before 0.2 kept it)', () => {
    const { out, synth } = oneEnvironmentProject('lh-state-in-output-');
    synth();
    const state = join(out, 'stacks', 'a1', 'terraform.a1.tfstate');
    writeFileSync(state, '{"version": 4}');
    expect(synth).toThrow(LakehouseSynthesisError);
    expect(synth).toThrow(/terraform\.a1\.tfstate\] Terraform state inside the output folder, which synthesis replaces: move it out first/);
    // The command moves it to where the backend now looks: beside the output folder.
    expect(synth).toThrow(
      /\(local state now lives beside the output folder: mv \S*cdktf\.out\/stacks\/a1\/terraform\.a1\.tfstate \S*lh-state-in-output-\w+\/terraform\.a1\.tfstate;/,
    );
    expect(readFileSync(state, 'utf8')).toBe('{"version": 4}');
    // Workspace state too (Terraform's default workspace_dir was inside the stack folder).
    rmSync(state);
    const workspace = join(out, 'stacks', 'a1', 'terraform.tfstate.d', 'feature', 'terraform.tfstate');
    mkdirSync(join(workspace, '..'), { recursive: true });
    writeFileSync(workspace, '{"version": 4}');
    expect(synth).toThrow(/terraform\.tfstate\.d\/feature\/terraform\.tfstate\] Terraform state inside the output folder/);
    // Into the backend's workspace_dir, terraform.<env>.tfstate.d, made first.
    expect(synth).toThrow(
      /: mkdir -p \S*\/terraform\.a1\.tfstate\.d\/feature && mv \S*\/stacks\/a1\/terraform\.tfstate\.d\/feature\/terraform\.tfstate \S*\/terraform\.a1\.tfstate\.d\/feature\/terraform\.tfstate;/,
    );
    rmSync(join(out, 'stacks', 'a1', 'terraform.tfstate.d'), { recursive: true });
    // .terraform/terraform.tfstate records the backend configuration, not resources: no refusal.
    mkdirSync(join(out, 'stacks', 'a1', '.terraform'));
    writeFileSync(join(out, 'stacks', 'a1', '.terraform', 'terraform.tfstate'), '{"version": 3, "backend": {}}');
    synth();
    expect(existsSync(join(out, 'stacks', 'a1', 'cdk.tf.json'))).toBe(true);
  });

  it('writes the policy warnings into manifest.json without stack traces (no machine paths; same input, same file)', () => {
    const { dir, synth } = oneEnvironmentProject('lh-manifest-');
    const manifest = (out: string): string => {
      synth(join(dir, out));
      return readFileSync(join(dir, out, 'manifest.json'), 'utf8');
    };
    const text = manifest('one');
    const annotations = (JSON.parse(text) as { stacks: Record<string, { annotations: { level: string; message: string }[] }> }).stacks.a1!
      .annotations;
    expect(annotations.map((a) => [a.level, a.message.split(' (')[0]])).toEqual([['@cdktf/warn', 'policy warning: LH-S3-007']]);
    expect(text).not.toContain('stacktrace');
    expect(manifest('two')).toBe(text);
  });

  it('leaves the output folder as it was when a construct throws while the stacks are built', async () => {
    const { dir, envs, out, synth } = oneEnvironmentProject('lh-atomic-throw-');
    const good = MINIMAL_AWS;
    synth();
    const before = readFileSync(join(out, 'stacks', 'a1', 'cdk.tf.json'), 'utf8');
    const manifest = readFileSync(join(out, 'manifest.json'), 'utf8');

    // a1 changes and builds; b1's AuditTrail refuses its props during construction. The model
    // refuses such a value in YAML, so it is put into the loaded project, after validation.
    writeFileSync(join(envs, 'a.yaml'), good.replace('region: eu-west-1', 'region: eu-west-1\ntags: { team: x }'));
    writeFileSync(join(envs, 'b.yaml'), 'name: b1\nproject: acme\ncloud: aws\ncatalog: glue\nregion: eu-west-1\n');
    vi.resetModules();
    vi.doMock('../../lib/project', async (importOriginal) => {
      const original = await importOriginal<typeof import('../../lib/project')>();
      const loadProject: typeof original.loadProject = (templatesDir, environmentsPath) => {
        const project = original.loadProject(templatesDir, environmentsPath);
        const environments = project.environments.map((e) => (e.name === 'b1' ? { ...e, audit: { ...e.audit, retentionDays: 0 } } : e));
        return { ...project, environments };
      };
      return { ...original, loadProject };
    });
    try {
      const app = await import('../../stacks/app.js');
      expect(() => app.synthesizeLakehouse({ templatesDir: TEMPLATES_DIR, environmentsDir: envs, outdir: out })).toThrow(
        /Invalid AuditTrail props at b1\/lakehouse\/audit/,
      );
    } finally {
      vi.doUnmock('../../lib/project');
      vi.resetModules();
    }
    expect(readFileSync(join(out, 'stacks', 'a1', 'cdk.tf.json'), 'utf8')).toBe(before);
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe(manifest);
    expect(readdirSync(out).sort()).toEqual(['manifest.json', 'stacks']);
    expect(readdirSync(join(out, 'stacks'))).toEqual(['a1']);
    expect(readdirSync(dir).sort()).toEqual(['cdktf.out', 'envs']);
  });
});

describe('aspects in the shipped synthesis path', () => {
  it('reach the written JSON: validations run after them, as in cdktf', () => {
    const app = new App({ outdir: tempDir('lh-aspects-'), skipValidation: true });
    const stack = new AwsLakehouseStack(app, 'tagged', {
      environment: awsEnvironment('glue', 'audit: { enabled: false }\n'),
      templates: shippedTemplates(),
    });
    Aspects.of(stack).add({
      visit: (node) => {
        if (node instanceof S3Bucket) node.tags = { ...(node.tagsInput ?? {}), 'added-by-aspect': 'yes' };
      },
    });
    expect(appValidationFailures(app)).toEqual([]);
    app.synth();
    const json = JSON.parse(readFileSync(join(app.outdir, 'stacks', 'tagged', 'cdk.tf.json'), 'utf8')) as any;
    const buckets = Object.values(json.resource.aws_s3_bucket) as { tags?: Record<string, string> }[];
    expect(buckets.length).toBeGreaterThan(0);
    expect(buckets.every((b) => b.tags?.['added-by-aspect'] === 'yes')).toBe(true);
  });
});
