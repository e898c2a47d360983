import { existsSync, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { App } from 'cdktf';
import { loadProject } from '../lib/project';
import { appValidationFailures, LakehouseSynthesisError } from '../lib/stack/app-validation';
import { environmentStack } from '../lib/stack/environment-stack';

export interface LakehouseAppOptions {
  readonly templatesDir: string;
  /** A folder of environment files, or one file. */
  readonly environmentsDir: string;
  readonly outdir?: string;
}

/**
 * Builds the app: every environment file becomes one stack. Throws before synthesis on invalid
 * input. Validations are left to `synthesizeLakehouseApp`, which runs them for every stack first.
 */
export function buildLakehouseApp(options: LakehouseAppOptions): App {
  const { templates, environments } = loadProject(options.templatesDir, options.environmentsDir);
  const app = new App({ outdir: options.outdir, skipValidation: true });
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
 */
export function synthesizeLakehouse(options: LakehouseAppOptions & { readonly outdir: string }): void {
  const target = resolve(options.outdir);
  const partial = `${target}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  try {
    synthesizeLakehouseApp(buildLakehouseApp({ ...options, outdir: partial }));
    const previous = `${target}.previous-${process.pid}`;
    if (existsSync(target)) renameSync(target, previous);
    renameSync(partial, target);
    rmSync(previous, { recursive: true, force: true });
  } finally {
    rmSync(partial, { recursive: true, force: true });
  }
}
