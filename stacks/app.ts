import { App } from 'cdktf';
import { loadEnvironments, loadTableTemplates } from '../lib/model';
import { EnvironmentStack } from './environment-stack';

export interface LakehouseAppOptions {
  readonly templatesDir: string;
  readonly environmentsDir: string;
  readonly outdir?: string;
}

/** Builds the app: every environment file becomes one stack. Throws before synthesis on invalid input. */
export function buildLakehouseApp(options: LakehouseAppOptions): App {
  const templates = loadTableTemplates(options.templatesDir);
  const environments = loadEnvironments(options.environmentsDir);
  const app = new App({ outdir: options.outdir, skipValidation: false });
  for (const environment of environments) new EnvironmentStack(app, { environment, templates });
  return app;
}
