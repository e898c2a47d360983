/**
 * `npm run bench`: synthesis time, CPU time, peak memory, resources and JSON size for generated
 * catalogs of 10, 100 and 1,000 tables on an AWS Glue, an AWS Nessie and a GCP environment, next to
 * the floor measured in the same run: an empty cdktf app with both providers imported by deep path,
 * run under plain node (bench/floor.cjs). Every case runs the app command of the code's own
 * cdktf.json in a fresh process, through a shell as `cdktf synth` does. Each figure is the median
 * of several runs.
 *
 * Options: --runs N (default 3; the floor and the shipped case take at least 5), --sizes 10,100
 * (default 10,100,1000), --baseline <git ref>: the same cases synthesized by that commit's code
 * (its own cdktf.json app, with today's node_modules, hard-linked), each baseline run right after the current
 * one, so both see the same machine load.
 */
import { execFileSync } from 'node:child_process';
import { cpus, totalmem, tmpdir } from 'node:os';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeGeneratedTemplates } from './generate-templates';

const ROOT = resolve(__dirname, '..');
const FLOOR = `node ${join(ROOT, 'bench', 'floor.cjs')}`;

// Nessie at 1,000 tables: the admin tier's append-only deny needs 17 managed policies (docs/prerequisites.md).
const ENVIRONMENTS: Record<string, string> = {
  'aws-glue': 'name: bench\nproject: bench\ncloud: aws\ncatalog: glue\nregion: us-east-1\nencryption: { customer_managed_key: true }\n',
  'aws-nessie':
    'name: bench\nproject: bench\ncloud: aws\ncatalog: nessie\nregion: us-east-1\nencryption: { customer_managed_key: true }\naccess: { max_managed_policies_per_role: 20 }\nnessie: { certificate_arn: "arn:aws:acm:us-east-1:111122223333:certificate/abc-123", host_name: nessie.bench.example.com }\n',
  gcp: 'name: bench\nproject: bench\ncloud: gcp\ncatalog: biglake\nregion: europe-west1\ngcp: { project_id: bench-project-1, accept_unenforced_append_only: true }\n',
};

interface Figures {
  seconds: number;
  /** User + system CPU of every node process of the run: steadier than wall time on a busy machine. */
  cpuSeconds: number;
  maxRssMb: number;
  resources: number;
  bytes: number;
}

interface Row {
  label: string;
  n: number | string;
  f: Figures;
  base?: Figures;
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The app command of a code version's cdktf.json (what `cdktf synth` runs). */
function appCommand(codeRoot: string): string {
  return (JSON.parse(readFileSync(join(codeRoot, 'cdktf.json'), 'utf8')) as { app: string }).app;
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? jsonFiles(p) : f === 'cdk.tf.json' ? [p] : [];
  });
}

/**
 * One synthesis in a fresh process, run as cdktf runs the app: `sh -c <command>` in the code's
 * folder with CDKTF_OUTDIR set. Wall time is measured here; peak RSS and CPU come from
 * bench/usage.cjs, preloaded into every node process of the run; resources and bytes from the output.
 */
function runOnce(codeRoot: string, command: string, templates: string, environments: string, work: string): Figures {
  const outdir = mkdtempSync(join(work, 'out-'));
  const usage = join(outdir, '..', `usage-${Date.now()}-${Math.random().toString(16).slice(2)}.jsonl`);
  const env = {
    ...process.env,
    CDKTF_OUTDIR: outdir,
    LAKEHOUSE_TEMPLATES: templates,
    LAKEHOUSE_ENVIRONMENTS: environments,
    LAKEHOUSE_BENCH_USAGE: usage,
    // Measure the bundle, never a silent fallback to the TypeScript sources.
    LAKEHOUSE_REQUIRE_BUNDLE: '1',
    NODE_OPTIONS: `--require ${join(ROOT, 'bench', 'usage.cjs')}`,
  };
  const started = process.hrtime.bigint();
  // Policy-pack notes and the like go to the child's stderr; keep them out of the figures.
  execFileSync('sh', ['-c', command], { cwd: codeRoot, env, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const processes = readFileSync(usage, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { maxRssKb: number; cpuMicros: number });
  let resources = 0;
  let bytes = 0;
  for (const f of jsonFiles(join(outdir, 'stacks'))) {
    const text = readFileSync(f, 'utf8');
    bytes += text.length;
    const json = JSON.parse(text) as { resource?: Record<string, Record<string, unknown>> };
    for (const byType of Object.values(json.resource ?? {})) resources += Object.keys(byType).length;
  }
  rmSync(outdir, { recursive: true, force: true });
  rmSync(usage, { force: true });
  return {
    seconds,
    cpuSeconds: processes.reduce((sum, p) => sum + p.cpuMicros, 0) / 1e6,
    maxRssMb: Math.max(...processes.map((p) => p.maxRssKb)) / 1024,
    resources,
    bytes,
  };
}

function summarize(samples: Figures[]): Figures {
  return {
    seconds: median(samples.map((s) => s.seconds)),
    cpuSeconds: median(samples.map((s) => s.cpuSeconds)),
    maxRssMb: median(samples.map((s) => s.maxRssMb)),
    resources: samples[0]!.resources,
    bytes: samples[0]!.bytes,
  };
}

/** Measures one case with the current code and, interleaved, with the baseline's. */
function measure(templates: string, environments: string, runs: number, work: string, baseline?: string): Omit<Row, 'label' | 'n'> {
  const current: Figures[] = [];
  const base: Figures[] = [];
  for (let r = 0; r < runs; r++) {
    current.push(runOnce(ROOT, appCommand(ROOT), templates, environments, work));
    if (baseline) base.push(runOnce(baseline, appCommand(baseline), templates, environments, work));
  }
  return { f: summarize(current), base: baseline ? summarize(base) : undefined };
}

/**
 * The baseline's files from git, next to a node_modules of hard links to today's packages (its own
 * folder, so its build caches stay apart from the current ones).
 */
function checkoutBaseline(ref: string, work: string): string {
  const dir = join(work, 'baseline');
  mkdirSync(dir);
  execFileSync('sh', ['-c', `git -C "${ROOT}" archive "${ref}" | tar -x -C "${dir}"`], { stdio: ['ignore', 'ignore', 'inherit'] });
  mkdirSync(join(dir, 'node_modules'));
  for (const entry of readdirSync(join(ROOT, 'node_modules'))) {
    if (entry === '.cache') continue;
    // Hard links, not symbolic ones: the bundle refuses inputs outside its own node_modules, and a
    // symbolic link resolves to today's folder (the baseline then fell back to the sources).
    execFileSync('cp', ['-al', join(ROOT, 'node_modules', entry), join(dir, 'node_modules', entry)]);
  }
  return dir;
}

function main(): void {
  const runs = Number(arg('runs', '3'));
  const sizes = arg('sizes', '10,100,1000').split(',').map(Number);
  const ref = arg('baseline', '');
  const work = mkdtempSync(join(tmpdir(), 'lakehouse-bench-'));
  const baseline = ref ? checkoutBaseline(ref, work) : undefined;
  console.log(
    `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}; median of ${runs} runs (floor and shipped: ${Math.max(runs, 5)})${ref ? `; baseline: ${ref}` : ''}`,
  );
  const shippedTemplates = join(ROOT, 'table-templates');
  const shippedEnvironments = join(ROOT, 'environments');
  // Unmeasured: builds the precompiled bundle (and fills tsx's cache for a baseline that uses it), once per code version.
  runOnce(ROOT, appCommand(ROOT), shippedTemplates, shippedEnvironments, work);
  if (baseline) runOnce(baseline, appCommand(baseline), shippedTemplates, shippedEnvironments, work);

  // The ×2 goal compares these two: at least 5 runs each, the floor run right before each shipped
  // run, so both medians come from the same stretches of machine load.
  const floorRuns: Figures[] = [];
  const shippedRuns: Figures[] = [];
  const shippedBase: Figures[] = [];
  for (let r = 0; r < Math.max(runs, 5); r++) {
    floorRuns.push(runOnce(ROOT, FLOOR, '', '', work));
    shippedRuns.push(runOnce(ROOT, appCommand(ROOT), shippedTemplates, shippedEnvironments, work));
    if (baseline) shippedBase.push(runOnce(baseline, appCommand(baseline), shippedTemplates, shippedEnvironments, work));
  }
  const floor = summarize(floorRuns);
  const rows: Row[] = [{ label: 'floor (empty app, both providers, plain node)', n: '-', f: floor }];
  rows.push({
    label: 'shipped environments (4 stacks)',
    n: 6,
    f: summarize(shippedRuns),
    base: baseline ? summarize(shippedBase) : undefined,
  });
  for (const n of sizes) {
    const templates = join(work, `templates-${n}`);
    writeGeneratedTemplates(templates, n);
    for (const [name, yaml] of Object.entries(ENVIRONMENTS)) {
      const envFile = join(work, `${name}.yaml`);
      writeFileSync(envFile, yaml);
      try {
        rows.push({ label: name, n, ...measure(templates, envFile, runs, work, baseline) });
      } catch (e) {
        const stderr = String((e as { stderr?: unknown }).stderr ?? e);
        console.error(`${name} at ${n} tables failed to synthesize:\n${stderr.split('\n').slice(0, 6).join('\n')}`);
        process.exitCode = 1;
      }
    }
  }
  printTable(rows, floor, Boolean(baseline));
  printGoals(rows, floor);
  rmSync(work, { recursive: true, force: true });
}

function printTable(rows: Row[], floor: Figures, withBaseline: boolean): void {
  const header = ['case', 'tables', 'wall s', 'CPU s', 'peak RSS MB', 'resources', 'JSON KB', '× floor', 'CPU × floor'];
  if (withBaseline) header.push('baseline s', 'baseline MB', 'baseline × floor', 'change');
  const table = rows.map((r) => {
    const cells = [
      r.label,
      String(r.n),
      r.f.seconds.toFixed(2),
      r.f.cpuSeconds.toFixed(2),
      r.f.maxRssMb.toFixed(0),
      String(r.f.resources),
      (r.f.bytes / 1024).toFixed(0),
      (r.f.seconds / floor.seconds).toFixed(2),
      (r.f.cpuSeconds / floor.cpuSeconds).toFixed(2),
    ];
    if (withBaseline) {
      const b = r.base;
      // A different resource count means the two versions do not synthesize the same thing.
      if (b && b.resources !== r.f.resources) cells[5] = `${r.f.resources} (baseline ${b.resources})`;
      cells.push(
        b ? b.seconds.toFixed(2) : '-',
        b ? b.maxRssMb.toFixed(0) : '-',
        b ? (b.seconds / floor.seconds).toFixed(2) : '-',
        b ? `${(((r.f.seconds - b.seconds) / b.seconds) * 100).toFixed(0)}%` : '-',
      );
    }
    return cells;
  });
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  table.forEach((row) => console.log(line(row)));
}

function printGoals(rows: Row[], floor: Figures): void {
  const shipped = rows[1]!.f;
  console.log(
    `\ngoal: shipped environments ≤ 2× floor: ${(shipped.seconds / floor.seconds).toFixed(2)}× wall (${shipped.seconds.toFixed(2)} s vs ${floor.seconds.toFixed(2)} s), ${(shipped.cpuSeconds / floor.cpuSeconds).toFixed(2)}× CPU`,
  );
  const glue = (n: number): Figures | undefined => rows.find((r) => r.label === 'aws-glue' && r.n === n)?.f;
  const g1000 = glue(1000);
  if (g1000) console.log(`goal: 1,000-table Glue ≤ 10 s and ≤ 1024 MB: ${g1000.seconds.toFixed(2)} s, ${g1000.maxRssMb.toFixed(0)} MB`);
  for (const name of Object.keys(ENVIRONMENTS)) {
    const at = (n: number): Figures | undefined => rows.find((r) => r.label === name && r.n === n)?.f;
    const a = at(100);
    const b = at(1000);
    if (a && b) {
      const perTable = (f: Figures, n: number): number => (f.seconds - floor.seconds) / n;
      console.log(
        `goal: ${name} time per table at 1,000 ≤ 1.5× at 100: ${(perTable(b, 1000) * 1000).toFixed(2)} ms vs ${(perTable(a, 100) * 1000).toFixed(2)} ms (${(perTable(b, 1000) / perTable(a, 100)).toFixed(2)}×)`,
      );
    }
  }
}

main();
