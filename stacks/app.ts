import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { App, DISABLE_STACK_TRACE_IN_METADATA } from 'cdktf';
import { LakehousePropsError } from '../lib/errors';
import { LakehouseValidationError } from '../lib/model/problems';
import { loadProject } from '../lib/project';
import { appValidationFailures, LakehouseSynthesisError } from '../lib/stack/app-validation';
import { environmentStack } from '../lib/stack/environment-stack';
import { loadProjectCached, type ProjectCache } from './project-cache';

export interface LakehouseAppOptions {
  readonly templatesDir: string;
  /** A folder of environment files, or one file. */
  readonly environmentsDir: string;
  readonly outdir?: string;
  /** Remember validated input by content (see project-cache.ts). @default - every run loads and checks it */
  readonly projectCache?: ProjectCache;
}

/**
 * Builds the app: every environment file becomes one stack. Throws before synthesis on invalid
 * input. Validations are left to `synthesizeLakehouseApp`, which runs them for every stack first.
 */
export function buildLakehouseApp(options: LakehouseAppOptions): App {
  const { templates, environments } = options.projectCache
    ? loadProjectCached(options.templatesDir, options.environmentsDir, options.projectCache)
    : loadProject(options.templatesDir, options.environmentsDir);
  // Warnings (the policy pack's) without the stack trace cdktf records for each: manifest.json then
  // holds no machine paths and is the same for the same input.
  const app = new App({ outdir: options.outdir, skipValidation: true, context: { [DISABLE_STACK_TRACE_IN_METADATA]: true } });
  for (const environment of environments) environmentStack(app, environment, templates);
  return app;
}

/** Validates every stack, then writes them all; a failing validation writes nothing. */
export function synthesizeLakehouseApp(app: App): void {
  const failures = appValidationFailures(app);
  if (failures.length > 0) throw new LakehouseSynthesisError(failures);
  app.synth();
}

/**
 * What `cdktf synth` runs: the whole app written to a folder beside `outdir` and moved into place
 * only when every stack synthesized, so a failing synthesis leaves the previous output as it was.
 * `leaveStaleStackFolders`: run by cdktf-cli, which lists the stack folders before it runs the app
 * and afterwards removes those the new manifest does not name, failing with ENOENT on one that is
 * gone; each then stays, empty, for it to remove. Otherwise they go with the previous output.
 */
export function synthesizeLakehouse(
  options: LakehouseAppOptions & { readonly outdir: string; readonly leaveStaleStackFolders?: boolean },
): void {
  const target = resolve(options.outdir);
  refuseStateInOutput(target);
  const partial = `${target}.partial-${process.pid}`;
  const previous = `${target}.previous-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  let swapped = false;
  try {
    synthesizeLakehouseApp(buildLakehouseApp({ ...options, outdir: partial }));
    const before = stackFolders(target);
    const after = stackFolders(partial);
    if (existsSync(target)) renameSync(target, previous);
    renameSync(partial, target);
    swapped = true;
    if (options.leaveStaleStackFolders) for (const s of before.filter((b) => !after.includes(b))) mkdirSync(join(target, 'stacks', s));
    for (const s of after.filter((a) => before.includes(a)))
      keepTerraformWorkingFiles(join(previous, 'stacks', s), join(target, 'stacks', s));
  } finally {
    rmSync(partial, { recursive: true, force: true });
    // Until the new output is in place, the previous one is all there is.
    if (swapped) rmSync(previous, { recursive: true, force: true });
  }
}

/**
 * Synthesis replaces the whole output folder. Earlier versions kept local state inside it
 * (`<outdir>/stacks/<env>/terraform.<env>.tfstate`, and workspaces under `terraform.tfstate.d/`):
 * replacing it then would delete that state. `.terraform/` is skipped: its `terraform.tfstate`
 * records the backend configuration, not resources.
 */
function refuseStateInOutput(target: string): void {
  const stacksDir = join(target, 'stacks');
  if (!existsSync(stacksDir)) return;
  const failures = readdirSync(stacksDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      stateFilesUnder(join(stacksDir, d.name)).map((file) => ({
        stack: d.name,
        constructPath: shownPath(file),
        message:
          'Terraform state inside the output folder, which synthesis replaces: move it out first ' +
          `(local state now lives beside the output folder: ${moveCommand(file, stateDestination(target, d.name, file))}; ` +
          'docs/operations.md, Upgrading)',
      })),
    );
  if (failures.length > 0) throw new LakehouseSynthesisError(failures);
}

/**
 * What `terraform init` (which `cdktf diff` and `deploy` run in each stack folder) keeps there: the
 * providers and modules it downloaded, and the provider lock file. Carried over, so a synthesis
 * does not make the next init download the providers again.
 */
const TERRAFORM_WORKING_FILES = ['.terraform', '.terraform.lock.hcl'];

/** Best effort: what cannot be moved (a mount point, a file held open) is downloaded again by the next init. */
function keepTerraformWorkingFiles(from: string, to: string): void {
  for (const f of TERRAFORM_WORKING_FILES) {
    if (!existsSync(join(from, f))) continue;
    try {
      renameSync(join(from, f), join(to, f));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? String(e);
      process.stderr.write(`lakehouse: could not keep ${shownPath(join(to, f))} (${code}); the next terraform init recreates it\n`);
    }
  }
}

function shownPath(path: string): string {
  return relative(process.cwd(), path) || path;
}

/**
 * Where the backend now keeps a state file found in stack folder `env`: the default workspace's
 * `terraform.<env>.tfstate` and other workspaces' `terraform.tfstate.d/<ws>/` (Terraform's default
 * `workspace_dir`) go beside the output folder, the latter as `terraform.<env>.tfstate.d/<ws>/`.
 */
function stateDestination(target: string, env: string, file: string): string {
  const inStack = relative(join(target, 'stacks', env), file);
  const [top, ...rest] = inStack.split(sep);
  return top === 'terraform.tfstate.d' ? join(target, '..', `terraform.${env}.tfstate.d`, ...rest) : join(target, '..', inStack);
}

function moveCommand(from: string, to: string): string {
  const mkdir = existsSync(dirname(to)) ? '' : `mkdir -p ${shownPath(dirname(to))} && `;
  return `${mkdir}mv ${shownPath(from)} ${shownPath(to)}`;
}

function stackFolders(outdir: string): string[] {
  const stacksDir = join(outdir, 'stacks');
  if (!existsSync(stacksDir)) return [];
  return readdirSync(stacksDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
}

function stateFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === '.terraform' ? [] : stateFilesUnder(path);
    return /\.tfstate(\.backup)?$/.test(e.name) ? [path] : [];
  });
}

/**
 * The `cdktf synth` app (stacks/synth.cjs runs it from the bundle): the project's templates and
 * environments (or `LAKEHOUSE_TEMPLATES` / `LAKEHOUSE_ENVIRONMENTS`) into `CDKTF_OUTDIR`. Bad input
 * ends with the problem list on standard error and exit code 1, not a stack trace.
 */
export function synthesizeFromEnvironment(root: string, env: NodeJS.ProcessEnv = process.env): number {
  try {
    synthesizeLakehouse({
      templatesDir: env.LAKEHOUSE_TEMPLATES ?? resolve(root, 'table-templates'),
      environmentsDir: env.LAKEHOUSE_ENVIRONMENTS ?? resolve(root, 'environments'),
      outdir: env.CDKTF_OUTDIR ?? 'cdktf.out',
      projectCache: bundleProjectCache(),
      leaveStaleStackFolders: runByCdktfCli(env),
    });
    return 0;
  } catch (e) {
    // Invalid input, invalid construct props, failed validations (the policy pack): each message says what to fix.
    if (e instanceof LakehouseValidationError || e instanceof LakehousePropsError || e instanceof LakehouseSynthesisError) {
      process.stderr.write(`${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

/**
 * cdktf-cli 0.21 hands every app it runs a context (`CDKTF_CONTEXT_JSON`) with its
 * `cdktfRelativeModules`, which nothing else sets.
 */
function runByCdktfCli(env: NodeJS.ProcessEnv): boolean {
  try {
    return 'cdktfRelativeModules' in (JSON.parse(env.CDKTF_CONTEXT_JSON ?? '{}') as object);
  } catch {
    return false;
  }
}

/**
 * Run from the precompiled bundle (stacks/bundle.cjs), whose file name is the content key of the
 * code: validated projects are remembered beside it. From the sources: not remembered.
 */
function bundleProjectCache(): ProjectCache | undefined {
  const name = basename(__filename);
  return /^synth-[0-9a-f]+\.js$/.test(name) ? { dir: dirname(__filename), code: name } : undefined;
}
