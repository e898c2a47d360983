import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/synth';

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
