import { readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CLIENT_FILE_NAMES, clientFiles } from '../clients/client-files';
import { CATALOG_NAME_PATTERN, engineSettings } from '../clients/engine-settings';
import { checkProject } from '../project';
import { planLakehouse } from '../plan';
import { UsageError, type CliCommand, type CommandIo } from './command';
import { makeFolders, requireFolder, requireWritableFolder, writeError } from './folders';
import { printProblems } from './problem-output';

export interface ExportOptions {
  /** Nessie's API root `http(s)://<host>` (from `cdktf output <stack>`). @default - a placeholder in the files */
  readonly nessieUrl?: string;
  /** Spark / PyIceberg catalog name. @default 'lakehouse' */
  readonly catalogName?: string;
}

/**
 * `lakehouse export`: validates one environment file with the templates, then writes the client
 * settings to `<out>/<env>/`. Exit 0 written, 1 invalid input (problems printed like validate);
 * bad usage (including an `--out` that cannot be written) throws `UsageError` (exit 2).
 */
export function exportCommand(
  environmentFile: string,
  outDir: string,
  templatesDir: string,
  io: CommandIo,
  options: ExportOptions = {},
): number {
  const usage = usageProblems(environmentFile, options);
  if (usage.length > 0) throw new UsageError(usage.join('; '));
  requireFolder('--templates', templatesDir);
  requireWritableFolder('--out', outDir);
  const { templates, environments, problems } = checkProject(templatesDir, environmentFile);
  if (printProblems(problems, io, 'nothing was exported.') > 0) return 1;
  const env = environments[0]!;
  if (options.nessieUrl !== undefined && env.catalog !== 'nessie') {
    throw new UsageError(`--nessie-url applies only to catalog: nessie; ${environmentFile} uses catalog: ${env.catalog}`);
  }
  const plan = planLakehouse(env, templates);
  const settings = engineSettings(plan, {
    catalogName: options.catalogName,
    nessieApiUrl: options.nessieUrl?.replace(/\/+$/, ''),
  });
  const files = clientFiles(settings, plan);
  const target = join(outDir, env.name);
  try {
    removeStale(target, Object.keys(files));
    for (const [path, content] of Object.entries(files)) {
      makeFolders(dirname(join(target, path)));
      writeFileSync(join(target, path), content);
    }
  } catch (e) {
    throw writeError('--out', outDir, e);
  }
  io.out(`Exported ${Object.keys(files).length} files for environment ${env.name} (catalog: ${env.catalog}) to ${target}`);
  for (const o of settings.pendingOutputs) io.out(`Pending: ${o} is a placeholder until apply; see ${join(target, 'README.md')}`);
  return 0;
}

function usageProblems(environmentFile: string, options: ExportOptions): string[] {
  const out: string[] = [];
  if (!isFile(environmentFile)) out.push(`--environment '${environmentFile}' is not a file; give one environment file`);
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

export const EXPORT: CliCommand = {
  name: 'export',
  summary: 'Write the settings query engines need (Spark, PyIceberg, Trino, ...) for one environment to <out>/<env>/.',
  options: {
    environment: { type: 'string', value: '<file>', required: true, description: 'One environment file' },
    out: { type: 'string', value: '<dir>', required: true, description: 'Folder to write into (created if missing)' },
    templates: { type: 'string', value: '<dir>', default: 'table-templates', description: 'Folder of table templates (*.yaml)' },
    'nessie-url': {
      type: 'string',
      value: '<url>',
      description: "Nessie's API root http(s)://<host> (from cdktf output); catalog: nessie only",
    },
    'catalog-name': { type: 'string', value: '<name>', default: 'lakehouse', description: 'Spark / PyIceberg catalog name' },
  },
  details: [
    'Problems in the inputs are printed like lakehouse validate prints them, and nothing is written.',
    '',
    'Exit codes: 0 written, 1 invalid input, 2 usage error (unknown option, missing file or folder, an --out that is a file',
    'or cannot be written), 3 internal error (a bug; please report it).',
  ].join('\n'),
  run: (v, io) =>
    exportCommand(String(v.environment), String(v.out), String(v.templates), io, {
      nessieUrl: v['nessie-url'] as string | undefined,
      catalogName: v['catalog-name'] as string | undefined,
    }),
};
