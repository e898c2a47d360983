/**
 * One measured synthesis, run in a fresh process so time and peak memory are its own.
 * argv: <case> <templatesDir> <environmentsPath> <outdir>; prints one JSON line of figures.
 * `floor` synthesizes an empty app with the same providers, imported by deep path.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
// The same process settings as the `cdktf synth` entry point, for the floor too.
import { configureSynthesisProcess } from '../stacks/synthesis-process';
configureSynthesisProcess();

const started = process.hrtime.bigint();
const [kind, templatesDir, environmentsPath, outdir] = process.argv.slice(2) as [string, string, string, string];

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? jsonFiles(p) : f === 'cdk.tf.json' ? [p] : [];
  });
}

async function main(): Promise<void> {
  if (kind === 'floor') {
    // require, not import(): only the floor's modules are loaded in the floor's process.
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { App, TerraformStack } = require('cdktf') as typeof import('cdktf');
    const { AwsProvider } = require('@cdktf/provider-aws/lib/provider') as typeof import('@cdktf/provider-aws/lib/provider');
    const { GoogleProvider } = require('@cdktf/provider-google/lib/provider') as typeof import('@cdktf/provider-google/lib/provider');
    const app = new App({ outdir });
    new AwsProvider(new TerraformStack(app, 'aws'), 'aws', { region: 'us-east-1' });
    new GoogleProvider(new TerraformStack(app, 'gcp'), 'google', { project: 'floor-project', region: 'europe-west1' });
    /* eslint-enable @typescript-eslint/no-require-imports */
    app.synth();
  } else {
    // Loaded the way the `cdktf synth` entry point loads it (stacks/main.ts).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const precompiled = require('../stacks/precompiled') as typeof import('../stacks/precompiled');
    const { buildLakehouseApp, synthesizeLakehouseApp } = precompiled.loadSynthEntry();
    synthesizeLakehouseApp(buildLakehouseApp({ templatesDir, environmentsDir: environmentsPath, outdir }));
  }
  const files = jsonFiles(join(outdir, 'stacks'));
  let resources = 0;
  let bytes = 0;
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    bytes += text.length;
    const json = JSON.parse(text) as { resource?: Record<string, Record<string, unknown>> };
    for (const byType of Object.values(json.resource ?? {})) resources += Object.keys(byType).length;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.stdout.write(`${JSON.stringify({ seconds, maxRssMb: process.resourceUsage().maxRSS / 1024, resources, bytes })}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
