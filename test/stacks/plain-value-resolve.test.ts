import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/synth';
import { useTempDirs } from '../support/temp-dirs';

const tempDir = useTempDirs();

// The test workers already resolve through the fast path (test/support/setup.ts), so the
// comparison runs in a child process that resolves everything first with cdktf alone, then with
// the fast path installed.
const SCRIPT = `
  const { mkdtempSync, readFileSync, readdirSync } = require('node:fs');
  const { join } = require('node:path');
  const { App, DefaultTokenResolver, Fn, Lazy, StringConcat, TerraformStack, Token, Tokenization } = require('cdktf');
  const { S3Bucket } = require('@cdktf/provider-aws/lib/s3-bucket');
  const { buildLakehouseApp, synthesizeLakehouseApp } = require('./stacks/app');
  const { resolvePlainValuesDirectly } = require('./stacks/plain-value-resolve');

  const shipped = () => {
    const dir = mkdtempSync(join(process.env.LH_TEMP, 'out-'));
    synthesizeLakehouseApp(buildLakehouseApp({ templatesDir: 'table-templates', environmentsDir: 'environments', outdir: dir }));
    return readdirSync(join(dir, 'stacks')).sort().map((s) => readFileSync(join(dir, 'stacks', s, 'cdk.tf.json'), 'utf8'));
  };

  // Every kind of value cdktf treats specially, at the top and nested, next to plain look-alikes.
  const crafted = () => {
    const stack = new TerraformStack(new App({ outdir: mkdtempSync(join(process.env.LH_TEMP, 'app-')) }), 's');
    const bucket = new S3Bucket(stack, 'b', { bucket: 'x' });
    const list = Fn.split(',', bucket.bucket);
    const numberToken = Token.asNumber(bucket.bucket);
    const dated = new Date(0);
    const holes = [1, , 3];
    const values = {
      plain: { name: 'orders', count: 3, ratio: 0.5, big: 1e300, small: -1e-300, yes: true, none: null, gone: undefined },
      looksLikeNumberToken: ['1e5', '-1.5e+10', 'time-e-2', 'abc'],
      escapes: ['\${literal}', '$\${escaped}', 'a } b { c'],
      stringTokens: [bucket.arn, 'prefix-' + bucket.bucket + '-suffix', Fn.upper(bucket.bucket)],
      listToken: list,
      numberList: Token.asNumberList(bucket.bucket),
      numberToken,
      numberInArray: [1, numberToken],
      numberInString: 'n=' + Token.asString(numberToken),
      mapToken: Token.asStringMap(bucket.tagsAll),
      anyMapToken: Token.asAnyMap(bucket.tagsAll),
      tokenKey: { [bucket.bucket]: 'value', plain: 'other' },
      lazy: Lazy.stringValue({ produce: () => 'produced' }),
      lazyObject: Lazy.anyValue({ produce: () => ({ inner: bucket.arn, keep: 1, drop: undefined }) }),
      jsonencode: Fn.jsonencode({ Statement: [{ Resource: bucket.arn, Effect: 'Allow' }] }),
      nestedUndefined: [undefined, { a: undefined, b: [undefined, 'x'] }],
      holes,
      dated,
      deep: [[[{ a: [{ b: { c: [bucket.arn, 'd'] } }] }]]],
    };
    const resolve = (v) => Tokenization.resolve(v, { scope: stack, resolver: new DefaultTokenResolver(new StringConcat()) });
    const errorOf = (v) => { try { resolve(v); return 'no error'; } catch (e) { return e.message; } };
    const cyclic = { name: 'loop' };
    cyclic.self = cyclic;
    return {
      resolved: JSON.stringify(resolve(values)),
      stack: JSON.stringify(stack.toTerraform()),
      errors: [
        errorOf({ scalar: list[0] + 'x' }),
        errorOf({ f: () => 1 }),
        errorOf(cyclic),
        errorOf({ mapValueAsString: Token.STRING_MAP_TOKEN_VALUE }),
        errorOf({ mapNumber: Token.NUMBER_MAP_TOKEN_VALUE }),
      ],
    };
  };

  const before = { shipped: shipped(), crafted: crafted() };
  const applied = resolvePlainValuesDirectly() && resolvePlainValuesDirectly();
  const after = { shipped: shipped(), crafted: crafted() };
  process.stdout.write(JSON.stringify({ applied, before, after }));
`;

interface Run {
  applied: boolean;
  before: { shipped: string[]; crafted: { resolved: string; stack: string; errors: string[] } };
  after: Run['before'];
}

describe('resolving plain values without cdktf’s per-value machinery', () => {
  const run = (): Run =>
    JSON.parse(
      execFileSync(join(ROOT, 'node_modules', '.bin', 'tsx'), ['-e', SCRIPT], {
        cwd: ROOT,
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, LH_TEMP: tempDir('lh-plain-resolve-') },
      }),
    ) as Run;

  it('gives the same output as cdktf alone: the shipped stacks byte for byte, every kind of token, the same errors', () => {
    const { applied, before, after } = run();
    expect(applied).toBe(true);
    expect(after.shipped).toHaveLength(4);
    expect(after.shipped).toEqual(before.shipped);
    expect(after.crafted.resolved).toBe(before.crafted.resolved);
    expect(after.crafted.stack).toBe(before.crafted.stack);
    expect(after.crafted.errors).toEqual(before.crafted.errors);
    // The crafted values exercise what they claim: tokens resolved, undefined dropped, errors raised.
    const resolved = JSON.parse(after.crafted.resolved) as Record<string, unknown>;
    expect(resolved.stringTokens).toEqual([
      '${aws_s3_bucket.b.arn}',
      'prefix-${aws_s3_bucket.b.bucket}-suffix',
      '${upper(aws_s3_bucket.b.bucket)}',
    ]);
    expect(resolved.listToken).toBe('${split(",", aws_s3_bucket.b.bucket)}');
    expect(resolved.tokenKey).toEqual({ '${aws_s3_bucket.b.bucket}': 'value', plain: 'other' });
    expect(resolved.lazyObject).toEqual({ inner: '${aws_s3_bucket.b.arn}', keep: 1 });
    expect(resolved.nestedUndefined).toEqual([{ b: ['x'] }]);
    expect(resolved.holes).toEqual([1, 3]);
    expect(resolved.plain).toEqual({ name: 'orders', count: 3, ratio: 0.5, big: 1e300, small: -1e-300, yes: true, none: null });
    expect(after.crafted.errors.every((m) => m !== 'no error')).toBe(true);
    expect(after.crafted.errors[2]).toMatch(/circular/i);
  });
});
