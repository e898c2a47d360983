import { parseEnvironment, type EnvironmentParseResult } from '../../lib/model/load-environments';
import { parseTableTemplate, type TemplateParseResult } from '../../lib/model/load-templates';
import type { Problem } from '../../lib/model/problems';
import type { LoadedTableTemplate } from '../../lib/model/table-template';

/**
 * Test helpers for the model: no cdktf or provider imports, so the model suite stays fast.
 */

/** Template YAML: one flow mapping per column line, then extra top-level YAML. */
export function templateYaml(columns: readonly string[], extra = ''): string {
  return `name: orders\nnamespace: sales\ncolumns:\n${columns.map((c) => `  - ${c}`).join('\n')}\n${extra}`;
}

export function parseTemplate(columns: readonly string[], extra = ''): TemplateParseResult {
  return parseTableTemplate('orders.yaml', templateYaml(columns, extra));
}

/** A template that must be valid; fails the test with its problems otherwise. */
export function validTemplate(columns: readonly string[], extra = ''): LoadedTableTemplate {
  const result = parseTemplate(columns, extra);
  if (!result.template) throw new Error(result.problems.map(show).join('\n'));
  return result.template;
}

/** The problems of a template that must be invalid. */
export function templateProblems(columns: readonly string[], extra = ''): Problem[] {
  const result = parseTemplate(columns, extra);
  if (result.template) throw new Error('expected the template to be rejected');
  return result.problems;
}

/** `field: message` lines, handy in failure output. */
export function show(p: Problem): string {
  return `${p.line}:${p.column} ${p.field}: ${p.message}`;
}

/** The one problem at `field`; fails unless exactly one problem is reported there. */
export function problemAt(problems: readonly Problem[], field: string): Problem {
  const found = problems.filter((p) => p.field === field);
  if (found.length !== 1) {
    throw new Error(`expected one problem at ${field}, got ${found.length}:\n${problems.map(show).join('\n')}`);
  }
  return found[0]!;
}

export const AWS_BASE = 'name: test\nproject: acme\ncloud: aws\ncatalog: glue\nregion: eu-west-1\n';
export const NESSIE_BASE = 'name: test\nproject: acme\ncloud: aws\ncatalog: nessie\nregion: eu-west-1\n';
/** Acknowledges unenforceable append-only (the shipped templates have append-only tables; BigQuery cannot enforce it). */
export const GCP_BASE =
  'name: test\nproject: acme\ncloud: gcp\ncatalog: biglake\nregion: europe-west1\ngcp:\n  project_id: acme-test-1\n  accept_unenforced_append_only: true\n';

export function parseEnv(yaml: string, file = 'env.yaml'): EnvironmentParseResult {
  return parseEnvironment(file, yaml);
}

export function envProblems(yaml: string): Problem[] {
  const result = parseEnvironment('env.yaml', yaml);
  if (result.environment) throw new Error('expected the environment to be rejected');
  return result.problems;
}
