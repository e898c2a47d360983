import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeCheckovInput } from '../../scripts/checkov-input';
import { synthesizeLakehouseApp, buildLakehouseApp } from '../../stacks/app';
import { ENVIRONMENTS_DIR, ROOT, TEMPLATES_DIR } from '../support/synth';
import { useTempDirs } from '../support/temp-dirs';

const tempDir = useTempDirs();

describe('Checkov input (scripts/checkov-input.ts)', () => {
  it('copies every shipped stack without its top-level list blocks (`removed`), and nothing else changes', () => {
    const out = tempDir('lh-checkov-synth-');
    synthesizeLakehouseApp(buildLakehouseApp({ templatesDir: TEMPLATES_DIR, environmentsDir: ENVIRONMENTS_DIR, outdir: out }));
    const stacksDir = join(out, 'stacks');
    const input = join(tempDir('lh-checkov-input-'), 'checkov-input');
    const written = writeCheckovInput(stacksDir, input);

    expect(written.map((w) => w.stack)).toEqual(['dev', 'gcp-dev', 'prod', 'staging']);
    expect(readdirSync(input).sort()).toEqual(['dev', 'gcp-dev', 'prod', 'staging']);
    for (const { stack, leftOut } of written) {
      const original = JSON.parse(readFileSync(join(stacksDir, stack, 'cdk.tf.json'), 'utf8')) as Record<string, unknown>;
      const copy = JSON.parse(readFileSync(join(input, stack, 'cdk.tf.json'), 'utf8')) as Record<string, unknown>;
      expect(Object.values(copy).some(Array.isArray), stack).toBe(false);
      expect(leftOut, stack).toEqual(Array.isArray(original.removed) ? { removed: original.removed.length } : {});
      const { removed: _removed, ...rest } = original;
      expect(copy, stack).toEqual(rest);
    }
    // The stacks that would crash Checkov's parser (Glue environments with earlier tables) are covered.
    expect(written.filter((w) => Object.keys(w.leftOut).length > 0).map((w) => w.stack)).toEqual(['dev', 'prod']);
  });

  it('leaves out any list-valued top-level block and skips folders that hold no stack', () => {
    const stacksDir = tempDir('lh-checkov-stacks-');
    mkdirSync(join(stacksDir, 'a'));
    mkdirSync(join(stacksDir, 'empty'));
    const stack = { resource: { aws_s3_bucket: { b: { bucket: 'x' } } }, moved: [{ from: 'a', to: 'b' }], import: [{ to: 'c', id: 'd' }] };
    writeFileSync(join(stacksDir, 'a', 'cdk.tf.json'), JSON.stringify(stack));
    const input = join(tempDir('lh-checkov-input-'), 'in');
    expect(writeCheckovInput(stacksDir, input)).toEqual([{ stack: 'a', leftOut: { moved: 1, import: 1 } }]);
    expect(JSON.parse(readFileSync(join(input, 'a', 'cdk.tf.json'), 'utf8'))).toEqual({ resource: stack.resource });
    expect(readdirSync(input)).toEqual(['a']);
  });

  it('is what the workflow scans: both Checkov steps read the copies, the baseline from inside them', () => {
    const workflow = readFileSync(resolve(ROOT, '.github', 'workflows', 'ci.yml'), 'utf8');
    expect(workflow).toContain('npx tsx scripts/checkov-input.ts cdktf.out/stacks checkov-input');
    const checkovLines = workflow.split('\n').filter((l) => /^\s+(\(cd [^)]*&& )?checkov /.test(l));
    expect(checkovLines.map((l) => l.trim().split(' --framework')[0])).toEqual([
      // Checkov reads .checkov.yaml from the working directory: the baseline runs where there is none.
      '(cd checkov-input && checkov --directory "$stack"',
      'checkov --config-file .checkov.yaml --directory "$dir" --skip-check "$skips"',
    ]);
    expect(workflow.match(/for dir in checkov-input\/\*\/; do/g)).toHaveLength(2);
  });
});
