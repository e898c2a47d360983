import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { App, TerraformStack, Testing } from 'cdktf';
import { resolve } from 'node:path';
import { loadTableTemplates, parseEnvironment, type EnvironmentConfig, type LoadedTableTemplate } from '../../lib/model';

export const ROOT = resolve(__dirname, '..', '..');
export const TEMPLATES_DIR = resolve(ROOT, 'table-templates');
export const ENVIRONMENTS_DIR = resolve(ROOT, 'environments');

let shipped: LoadedTableTemplate[] | undefined;
/** The templates shipped in table-templates/, loaded once per test file. */
export function shippedTemplates(): LoadedTableTemplate[] {
  shipped ??= loadTableTemplates(TEMPLATES_DIR);
  return shipped;
}

/** An environment built from YAML text (the same path users take); throws with the problems if invalid. */
export function environmentFromYaml(yaml: string, file = 'test.yaml'): EnvironmentConfig {
  const result = parseEnvironment(file, yaml);
  if (!result.environment) throw new Error(result.problems.map((p) => `${p.field}: ${p.message}`).join('\n'));
  return result.environment;
}

/** Minimal AWS environment YAML; extra lines are appended (top-level keys). */
export function awsEnvironment(catalog: 'glue' | 'nessie' = 'glue', extra = ''): EnvironmentConfig {
  return environmentFromYaml(`name: test\nproject: acme\ncloud: aws\ncatalog: ${catalog}\nregion: eu-west-1\n${extra}`);
}

/**
 * A GCP environment. The shipped templates hold append-only tables, which BigQuery cannot enforce:
 * the test environment acknowledges it (`gcp.accept_unenforced_append_only`), as gcp-dev does.
 */
export function gcpEnvironment(extra = ''): EnvironmentConfig {
  return environmentFromYaml(
    `name: test\nproject: acme\ncloud: gcp\ncatalog: biglake\nregion: europe-west1\ngcp:\n  project_id: acme-test-1\n  accept_unenforced_append_only: true\n${extra}`,
  );
}

/** A stack with the AWS provider configured, for construct tests. */
export function awsTestStack(app: App = Testing.app()): TerraformStack {
  const stack = new TerraformStack(app, 'test');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  return stack;
}

export function gcpTestStack(app: App = Testing.app()): TerraformStack {
  const stack = new TerraformStack(app, 'test');
  new GoogleProvider(stack, 'google', { project: 'acme-test-1', region: 'europe-west1' });
  return stack;
}

export type TfJson = {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  output?: Record<string, { value: unknown }>;
  [k: string]: unknown;
};

/** Synthesizes a stack to its Terraform JSON (runs cdktf validations, as `cdktf synth` does). */
export function synthStack(stack: TerraformStack): TfJson {
  return JSON.parse(Testing.synth(stack, true)) as TfJson;
}

/** All resources of one type: name → config. */
export function resourcesOf(json: TfJson, type: string): Record<string, Record<string, any>> {
  return (json.resource?.[type] ?? {}) as Record<string, Record<string, any>>;
}

/** The single resource of a type; fails when there is not exactly one. */
export function onlyResource(json: TfJson, type: string): Record<string, any> {
  const all = Object.values(resourcesOf(json, type));
  if (all.length !== 1) throw new Error(`expected exactly one ${type}, found ${all.length}`);
  return all[0]!;
}

export function dataOf(json: TfJson, type: string): Record<string, Record<string, any>> {
  return (json.data?.[type] ?? {}) as Record<string, Record<string, any>>;
}

/** Parses a policy rendered with JSON.stringify (the form the constructs use). */
export function parsePolicy(policy: unknown): { Statement: Array<Record<string, any>> } {
  if (typeof policy !== 'string') throw new Error(`policy is not a string: ${JSON.stringify(policy)}`);
  return JSON.parse(policy) as { Statement: Array<Record<string, any>> };
}
