import { App } from 'cdktf';
import { loadProject } from '../lib/project';
import { EnvironmentStack } from './environment-stack';

export interface LakehouseAppOptions {
  readonly templatesDir: string;
  /** A folder of environment files, or one file. */
  readonly environmentsDir: string;
  readonly outdir?: string;
}

/** Builds the app: every environment file becomes one stack. Throws before synthesis on invalid input. */
export function buildLakehouseApp(options: LakehouseAppOptions): App {
  const { templates, environments } = loadProject(options.templatesDir, options.environmentsDir);
  const app = new App({ outdir: options.outdir });
  for (const environment of environments) new EnvironmentStack(app, { environment, templates });
  return app;
}
