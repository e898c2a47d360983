/**
 * Copies every synthesized stack for Checkov: `npx tsx scripts/checkov-input.ts <stacks dir> <out dir>`
 * writes `<out dir>/<stack>/cdk.tf.json` for each `<stacks dir>/<stack>/cdk.tf.json`, without the
 * top-level blocks written as JSON lists.
 *
 * Checkov 3.2.497's terraform_json parser expects every top-level block to be an object and stops
 * with exit code 2 on a list (AttributeError in checkov/terraform_json/parser.py
 * handle_block_type; bridgecrewio/checkov-action#185), which `--soft-fail` does not cover. The
 * stacks have one such block, `removed` (lib/aws/glue/earlier-glue-table.ts): it only tells
 * Terraform to forget tables an earlier version managed and holds no configuration for Checkov to
 * check; `moved` and `import` blocks would be lists too. Everything else is copied as is. A folder
 * without `cdk.tf.json` (not a stack) is skipped.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface CheckovInputStack {
  readonly stack: string;
  /** The top-level blocks left out, by kind (`removed`: 6). */
  readonly leftOut: Readonly<Record<string, number>>;
}

/** Writes the Checkov copy of every stack under `stacksDir` into `outDir` (replaced), and says what it left out. */
export function writeCheckovInput(stacksDir: string, outDir: string): CheckovInputStack[] {
  rmSync(outDir, { recursive: true, force: true });
  const stacks = readdirSync(stacksDir)
    .filter((s) => existsSync(join(stacksDir, s, 'cdk.tf.json')))
    .sort();
  return stacks.map((stack) => {
    const json = JSON.parse(readFileSync(join(stacksDir, stack, 'cdk.tf.json'), 'utf8')) as Record<string, unknown>;
    const leftOut: Record<string, number> = {};
    for (const [kind, blocks] of Object.entries(json)) {
      if (!Array.isArray(blocks)) continue;
      leftOut[kind] = blocks.length;
      delete json[kind];
    }
    mkdirSync(join(outDir, stack), { recursive: true });
    writeFileSync(join(outDir, stack, 'cdk.tf.json'), `${JSON.stringify(json, null, 2)}\n`);
    return { stack, leftOut };
  });
}

function main(): void {
  const [stacksDir, outDir] = process.argv.slice(2);
  if (!stacksDir || !outDir) {
    process.stderr.write('usage: checkov-input <synthesized stacks dir> <output dir>\n');
    process.exit(2);
  }
  for (const { stack, leftOut } of writeCheckovInput(resolve(stacksDir), resolve(outDir))) {
    const kinds = Object.entries(leftOut).map(([kind, n]) => `${n} \`${kind}\``);
    const note = kinds.length > 0 ? `, left out: ${kinds.join(', ')} block(s)` : '';
    process.stdout.write(`${stack}: ${join(outDir, stack, 'cdk.tf.json')}${note}\n`);
  }
}

if (require.main === module) main();
