/** Prints the Checkov skip list of one environment's stack: `npx tsx scripts/checkov-skips.ts <stack name>` (see lib/policy/checkov-skips.ts). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadEnvironments } from '../lib/model';
import { checkovSkipsFor, globalSkipsOf } from '../lib/policy/checkov-skips';

const stackName = process.argv[2];
const root = resolve(__dirname, '..');
const environments = loadEnvironments(process.env.LAKEHOUSE_ENVIRONMENTS ?? resolve(root, 'environments'));
const environment = environments.find((e) => e.name === stackName);
if (!stackName || !environment) {
  process.stderr.write(`usage: checkov-skips <stack name>; known: ${environments.map((e) => e.name).join(', ')}\n`);
  process.exit(2);
}
const globalSkips = globalSkipsOf(readFileSync(resolve(root, '.checkov.yaml'), 'utf8'));
process.stdout.write(`${checkovSkipsFor(environment, globalSkips).join(',')}\n`);
