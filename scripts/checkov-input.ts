/**
 * Copies every synthesized stack for Checkov: `npx tsx scripts/checkov-input.ts <stacks dir> <out dir>`
 * writes `<out dir>/<stack>/cdk.tf.json` for each `<stacks dir>/<stack>/cdk.tf.json`, without the
 * top-level `removed` blocks.
 *
 * Checkov 3.2.497's terraform_json parser expects every top-level block to be an object and stops
 * with exit code 2 on the `removed` list (AttributeError in checkov/terraform_json/parser.py
 * handle_block_type; bridgecrewio/checkov-action#185), which `--soft-fail` does not cover. The
 * blocks (lib/aws/glue/earlier-glue-table.ts) only tell Terraform to forget tables an earlier
 * version managed; they hold no configuration for Checkov to check. Everything else is copied as is.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface CheckovInputStack {
  readonly stack: string;
  readonly removedBlocks: number;
}

/** Writes the Checkov copy of every stack under `stacksDir` into `outDir` (replaced), and says what it left out. */
export function writeCheckovInput(stacksDir: string, outDir: string): CheckovInputStack[] {
  rmSync(outDir, { recursive: true, force: true });
  const stacks = readdirSync(stacksDir)
    .filter((s) => statSync(join(stacksDir, s)).isDirectory())
    .sort();
  return stacks.map((stack) => {
    const json = JSON.parse(readFileSync(join(stacksDir, stack, 'cdk.tf.json'), 'utf8')) as Record<string, unknown>;
    const removed = json.removed;
    delete json.removed;
    mkdirSync(join(outDir, stack), { recursive: true });
    writeFileSync(join(outDir, stack, 'cdk.tf.json'), `${JSON.stringify(json, null, 2)}\n`);
    return { stack, removedBlocks: Array.isArray(removed) ? removed.length : removed === undefined ? 0 : 1 };
  });
}

function main(): void {
  const [stacksDir, outDir] = process.argv.slice(2);
  if (!stacksDir || !outDir) {
    process.stderr.write('usage: checkov-input <synthesized stacks dir> <output dir>\n');
    process.exit(2);
  }
  for (const { stack, removedBlocks } of writeCheckovInput(resolve(stacksDir), resolve(outDir))) {
    const note = removedBlocks > 0 ? `, ${removedBlocks} Terraform \`removed\` block(s) left out` : '';
    process.stdout.write(`${stack}: ${join(outDir, stack, 'cdk.tf.json')}${note}\n`);
  }
}

if (require.main === module) main();
