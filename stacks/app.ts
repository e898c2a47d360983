import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
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
  rmSync(partial, { recursive: true, force: true });
  try {
    synthesizeLakehouseApp(buildLakehouseApp({ ...options, outdir: partial }));
    const before = stackFolders(target);
    const after = stackFolders(partial);
    const stale = options.leaveStaleStackFolders ? before.filter((s) => !after.includes(s)) : [];
    const previous = `${target}.previous-${process.pid}`;
    if (existsSync(target)) renameSync(target, previous);
    renameSync(partial, target);
    for (const s of after.filter((a) => before.includes(a)))
      keepTerraformWorkingFiles(join(previous, 'stacks', s), join(target, 'stacks', s));
    rmSync(previous, { recursive: true, force: true });
    for (const s of stale) mkdirSync(join(target, 'stacks', s));
  } finally {
    rmSync(partial, { recursive: true, force: true });
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
  const shown = (path: string) => relative(process.cwd(), path) || path;
  const failures = readdirSync(stacksDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      stateFilesUnder(join(stacksDir, d.name)).map((file) => {
        const inStack = relative(join(stacksDir, d.name), file);
        return {
          stack: d.name,
          constructPath: shown(file),
          message:
            'Terraform state inside the output folder, which synthesis replaces: move it out first ' +
            `(local state now lives beside the output folder: mv ${shown(file)} ${shown(join(target, '..', inStack))}; ` +
            'docs/operations.md, Upgrading)',
        };
      }),
    );
  if (failures.length > 0) throw new LakehouseSynthesisError(failures);
}

/**
 * What `terraform init` (which `cdktf diff` and `deploy` run in each stack folder) keeps there: the
 * providers and modules it downloaded, and the provider lock file. Carried over, so a synthesis
 * does not make the next init download the providers again.
 */
const TERRAFORM_WORKING_FILES = ['.terraform', '.terraform.lock.hcl'];

function keepTerraformWorkingFiles(from: string, to: string): void {
  for (const f of TERRAFORM_WORKING_FILES) if (existsSync(join(from, f))) renameSync(join(from, f), join(to, f));
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
      // cdktf-cli 0.21 sets this for every app it runs (and nothing else does).
      leaveStaleStackFolders: env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS === 'true',
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
 * Run from the precompiled bundle (stacks/bundle.cjs), whose file name is the content key of the
 * code: validated projects are remembered beside it. From the sources: not remembered.
 */
function bundleProjectCache(): ProjectCache | undefined {
  const name = basename(__filename);
  return /^synth-[0-9a-f]+\.js$/.test(name) ? { dir: dirname(__filename), code: name } : undefined;
}
