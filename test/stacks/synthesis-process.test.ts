import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/synth';
import { useTempDirs } from '../support/temp-dirs';

const tempDir = useTempDirs();

interface Probe {
  lazy: number;
  attribute: number;
  nestedObject: number;
}

// Patching cdktf is process-wide, so each case runs in its own process. The three kinds of token
// cdktf records a trace for: Lazy values, attribute references (Intrinsic) and nested attribute
// objects (ComplexComputedList and friends, created for every block of every resource).
function probe(env: Record<string, string> = {}): Probe {
  const script = `
    const { configureSynthesisProcess } = require('./stacks/synthesis-process');
    configureSynthesisProcess();
    const { App, Lazy, TerraformStack, Tokenization } = require('cdktf');
    const { S3Bucket } = require('@cdktf/provider-aws/lib/s3-bucket');
    const bucket = new S3Bucket(new TerraformStack(new App(), 's'), 'b', {});
    const traceOf = (s) => Tokenization.reverseString(s).firstToken.creationStack.length;
    process.stdout.write(JSON.stringify({
      lazy: traceOf(Lazy.stringValue({ produce: () => 'x' })),
      attribute: traceOf(bucket.arn),
      nestedObject: bucket.versioning.creationStack.length,
    }));
  `;
  const out = execFileSync(join(ROOT, 'node_modules', '.bin', 'tsx'), ['-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, LAKEHOUSE_TOKEN_TRACES: '', ...env },
  });
  return JSON.parse(out) as Probe;
}

describe('synthesis process settings', () => {
  it('record no creation stack trace on any kind of token by default', () => {
    expect(probe()).toEqual({ lazy: 0, attribute: 0, nestedObject: 0 });
  });

  it('keep every creation stack trace with LAKEHOUSE_TOKEN_TRACES=1', () => {
    const traced = probe({ LAKEHOUSE_TOKEN_TRACES: '1' });
    expect(traced.lazy).toBeGreaterThan(0);
    expect(traced.attribute).toBeGreaterThan(0);
    expect(traced.nestedObject).toBeGreaterThan(0);
  });
});

describe('skipping cdktf’s final resolve of the merged stack', () => {
  // Process-wide as well: run in a child process that synthesizes without, then with the patch.
  it('leaves the output byte for byte the same, and still resolves tokens in stack overrides', () => {
    const script = `
      const { mkdtempSync, readFileSync, readdirSync } = require('node:fs');
      const { join } = require('node:path');
      const { buildLakehouseApp, synthesizeLakehouseApp } = require('./stacks/app');
      const { skipFinalStackResolve } = require('./stacks/synthesis-process');
      const tokens = require('cdktf/lib/_tokens');
      const { App, TerraformStack } = require('cdktf');
      const { S3Bucket } = require('@cdktf/provider-aws/lib/s3-bucket');
      const synth = () => {
        const dir = mkdtempSync(join(process.env.LH_TEMP, 'lh-final-resolve-'));
        synthesizeLakehouseApp(buildLakehouseApp({ templatesDir: 'table-templates', environmentsDir: 'environments', outdir: dir }));
        return readdirSync(join(dir, 'stacks')).map((s) => readFileSync(join(dir, 'stacks', s, 'cdk.tf.json'), 'utf8'));
      };
      const overridden = () => {
        const stack = new TerraformStack(new App({ outdir: mkdtempSync(join(process.env.LH_TEMP, 'lh-final-resolve-')) }), 's');
        const bucket = new S3Bucket(stack, 'b', { bucket: 'x' });
        stack.addOverride('locals.arn', bucket.arn);
        return JSON.stringify(stack.toTerraform().locals);
      };
      const before = synth();
      const beforeOverride = overridden();
      let merged = 0;
      const resolve = tokens.resolve;
      tokens.resolve = (s, o, p) => { if (o && typeof o === 'object' && Object.hasOwn(o, '//')) merged++; return resolve(s, o, p); };
      const applied = skipFinalStackResolve() && skipFinalStackResolve();
      const after = synth();
      const afterOverride = overridden();
      process.stdout.write(JSON.stringify({ applied, same: JSON.stringify(before) === JSON.stringify(after), stacks: after.length, merged, beforeOverride, afterOverride }));
    `;
    const out = JSON.parse(
      execFileSync(join(ROOT, 'node_modules', '.bin', 'tsx'), ['-e', script], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, LH_TEMP: tempDir('lh-final-resolve-') },
      }),
    ) as Record<string, unknown>;
    expect(out).toEqual({
      applied: true,
      same: true,
      stacks: 4,
      // The override's stack is resolved in full; the four lakehouse stacks skip the final pass.
      merged: 1,
      beforeOverride: '{"arn":"${aws_s3_bucket.b.arn}"}',
      afterOverride: '{"arn":"${aws_s3_bucket.b.arn}"}',
    });
  });
});
