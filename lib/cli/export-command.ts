import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CLIENT_FILE_NAMES, clientFiles } from '../clients/client-files';
import { CATALOG_NAME_PATTERN, engineSettings } from '../clients/engine-settings';
import { formatProblem } from '../model/problems';
import { checkProject } from '../project';
import { planLakehouse } from '../plan';
import type { CommandIo } from './validate-command';

export interface ExportOptions {
  /** Nessie's API root `http(s)://<host>` (from `cdktf output <stack>`). @default - a placeholder in the files */
  readonly nessieUrl?: string;
  /** Spark / PyIceberg catalog name. @default 'lakehouse' */
  readonly catalogName?: string;
}

export const EXPORT_USAGE =
  'lakehouse export --environment <file> --out <dir> [--templates <dir>] [--nessie-url <url>] [--catalog-name <name>]';

/**
 * `lakehouse export`: validates one environment file with the templates, then writes the client
 * settings to `<out>/<env>/`. Exit 0 written, 1 invalid input (problems printed like validate),
 * 2 usage error.
 */
export function exportCommand(
  environmentFile: string,
  outDir: string,
  templatesDir: string,
  io: CommandIo,
  options: ExportOptions = {},
): number {
  const usage = usageProblems(environmentFile, outDir, options);
  if (usage.length > 0) {
    for (const u of usage) io.err(`lakehouse export: ${u}`);
    io.err(`Usage: ${EXPORT_USAGE}`);
    return 2;
  }
  const { templates, environments, problems } = checkProject(templatesDir, environmentFile);
  if (problems.length > 0) {
    for (const p of problems) io.err(formatProblem(p));
    io.err(`${problems.length} problem${problems.length === 1 ? '' : 's'} found; nothing was exported.`);
    return 1;
  }
  const env = environments[0]!;
  if (options.nessieUrl !== undefined && env.catalog !== 'nessie') {
    io.err(`lakehouse export: --nessie-url applies only to catalog: nessie; ${environmentFile} uses catalog: ${env.catalog}`);
    return 2;
  }
  const plan = planLakehouse(env, templates);
  const settings = engineSettings(plan, {
    catalogName: options.catalogName,
    nessieApiUrl: options.nessieUrl?.replace(/\/+$/, ''),
  });
  const files = clientFiles(settings, plan);
  const target = join(outDir, env.name);
  removeStale(target, Object.keys(files));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(target, path)), { recursive: true });
    writeFileSync(join(target, path), content);
  }
  io.out(`Exported ${Object.keys(files).length} files for environment ${env.name} (catalog: ${env.catalog}) to ${target}`);
  for (const o of settings.pendingOutputs) io.out(`Pending: ${o} is a placeholder until apply; see ${join(target, 'README.md')}`);
  return 0;
}

function usageProblems(environmentFile: string, outDir: string, options: ExportOptions): string[] {
  const out: string[] = [];
  if (environmentFile === '') out.push('--environment <file> is required');
  else if (!isFile(environmentFile)) out.push(`--environment '${environmentFile}' is not a file; give one environment file`);
  if (outDir === '') out.push('--out <dir> is required');
  if (options.nessieUrl !== undefined && !/^https?:\/\/[^\s/]+(\/\S*)?$/.test(options.nessieUrl))
    out.push(`--nessie-url '${options.nessieUrl}' must be an http:// or https:// URL (the lakehouse_nessie_api_url output)`);
  if (options.catalogName !== undefined && !CATALOG_NAME_PATTERN.test(options.catalogName))
    out.push(`--catalog-name '${options.catalogName}' must be letters, digits and underscores, not starting with a digit`);
  return out;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Removes files an earlier export wrote that this one does not (a removed template, another catalog). */
function removeStale(target: string, keep: readonly string[]): void {
  const wanted = new Set(keep);
  const known = Object.values(CLIENT_FILE_NAMES).filter((f) => f !== CLIENT_FILE_NAMES.tablesDir);
  for (const f of known) if (!wanted.has(f)) rmSync(join(target, f), { force: true });
  const tables = join(target, CLIENT_FILE_NAMES.tablesDir);
  let existing: string[] = [];
  try {
    existing = readdirSync(tables);
  } catch {
    return;
  }
  for (const f of existing) {
    const rel = `${CLIENT_FILE_NAMES.tablesDir}/${f}`;
    if (f.endsWith('.json') && !wanted.has(rel)) rmSync(join(tables, f), { force: true });
  }
}

const FLAGS = ['environment', 'out', 'templates', 'nessie-url', 'catalog-name'] as const;

/**
 * Parses `export`'s own arguments (`--flag value` or `--flag=value`) and runs it; bad usage is
 * exit 2. `lib/cli/main.ts` dispatches `export` here.
 */
export function runExport(args: readonly string[], io: CommandIo): number {
  const flags: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [name, inline] = arg.startsWith('--') ? arg.slice(2).split(/=(.*)/s, 2) : [undefined, undefined];
    if (name === undefined || !(FLAGS as readonly string[]).includes(name)) {
      io.err(`lakehouse export: unknown argument '${arg}'\nUsage: ${EXPORT_USAGE}`);
      return 2;
    }
    const value = inline ?? args[++i];
    if (value === undefined || value === '') {
      io.err(`lakehouse export: --${name} needs a value\nUsage: ${EXPORT_USAGE}`);
      return 2;
    }
    flags[name] = value;
  }
  return exportCommand(flags.environment ?? '', flags.out ?? '', flags.templates ?? 'table-templates', io, {
    nessieUrl: flags['nessie-url'],
    catalogName: flags['catalog-name'],
  });
}
