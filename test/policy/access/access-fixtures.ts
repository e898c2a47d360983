import { TerraformStack } from 'cdktf';
import { invokeAspects } from 'cdktf/lib/synthesize/synthesizer';
import { parseTableTemplate, type LoadedTableTemplate } from '../../../lib/model';
import { analyzeAccess, formatViolation, tableAccess, type AccessReport, type TableAccess } from '../../../lib/policy/access';
import type { TerraformJson } from '../../../lib/policy';
import { buildLakehouseApp } from '../../../stacks/app';
import { ENVIRONMENTS_DIR, shippedTemplates, TEMPLATES_DIR } from '../../support/synth';

type Json = Record<string, any>;

let shipped: Map<string, TerraformJson> | undefined;

/**
 * The shipped stacks built exactly as `cdktf synth` builds them (aspects included). `customize` runs on
 * every stack before synthesis (e.g. to call a grant method); without it the result is cached.
 */
export function shippedStacks(customize?: (stack: TerraformStack) => void): Map<string, TerraformJson> {
  if (!customize && shipped) return shipped;
  const app = buildLakehouseApp({ templatesDir: TEMPLATES_DIR, environmentsDir: ENVIRONMENTS_DIR });
  const stacks = app.node.children.filter((c): c is TerraformStack => c instanceof TerraformStack);
  if (customize) stacks.forEach(customize);
  invokeAspects(app);
  const out = new Map(stacks.map((s) => [s.node.id, JSON.parse(JSON.stringify(s.toTerraform())) as TerraformJson]));
  if (!customize) shipped = out;
  return out;
}

/** A deep copy of one shipped stack, to break by hand. */
export function shippedCopy(name: string): Json {
  return JSON.parse(JSON.stringify(shippedStacks().get(name))) as Json;
}

export function analyze(json: Json, templates: readonly LoadedTableTemplate[] = shippedTemplates(), stackName = 'test'): AccessReport {
  return analyzeAccess(json as TerraformJson, templates, { stackName });
}

/** Violation lines without the "via" part: principal, tier, table, what. */
export function violationHeads(report: AccessReport): string[] {
  return report.violations.map((v) => formatViolation(v).split(' — via ')[0]!);
}

/** What a principal can do to a table, as the report answers it. */
export function accessOf(report: AccessReport, principal: string, table: string): TableAccess {
  const p = report.principals.find((x) => x.id === principal);
  if (!p) throw new Error(`no principal ${principal} in the report (have: ${report.principals.map((x) => x.id).join(', ')})`);
  const t = report.tables.find((x) => x.key === table)!;
  return tableAccess(p.evidence.get(table) ?? [], t);
}

/** The one resource of `type` whose name contains `part`, as [address, config]. */
export function resource(json: Json, type: string, part: string): [string, Json] {
  const found = Object.entries((json.resource?.[type] ?? {}) as Record<string, Json>).filter(([name]) => name.includes(part));
  if (found.length !== 1) throw new Error(`expected one ${type} named *${part}*, found ${found.map(([n]) => n).join(', ') || 'none'}`);
  return [`${type}.${found[0]![0]}`, found[0]![1]];
}

export function addResource(json: Json, type: string, name: string, config: Json): string {
  json.resource[type] ??= {};
  json.resource[type][name] = config;
  return `${type}.${name}`;
}

export function removeResource(json: Json, type: string, part: string): void {
  const [address] = resource(json, type, part);
  delete json.resource[type][address.slice(type.length + 1)];
}

/** Rewrites a JSON policy attribute in place. */
export function editPolicy(config: Json, attribute: string, edit: (doc: { Statement: Json[] }) => void): void {
  const doc = JSON.parse(config[attribute] as string) as { Statement: Json[] };
  edit(doc);
  config[attribute] = JSON.stringify(doc);
}

export function trust(...principals: string[]): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: principals.length === 1 ? principals[0] : principals }, Action: 'sts:AssumeRole' }],
  });
}

export const ACCOUNT = 'arn:aws:iam::111122223333';
export const SSO_READERS = `${ACCOUNT}:role/analytics-sso-readers`;
export const ETL = `${ACCOUNT}:role/etl-pipelines`;
export const PLATFORM_ADMIN = `${ACCOUNT}:role/lakehouse-platform-admin`;

/** Namespaces of the shipped templates whose tables are all append-only. */
export const APPEND_ONLY_NAMESPACES = ['analytics', 'compliance', 'pg_archive_sync'];

/** The append-only tables of the shipped templates. */
export const APPEND_ONLY_TABLES = [
  'analytics.event_stream',
  'compliance.audit_trail',
  'pg_archive_sync.primary_postgresql_logs',
  'pg_archive_sync.replica_postgresql_logs',
];

/** A table template from YAML text. */
export function template(yaml: string, file = 'test.yaml'): LoadedTableTemplate {
  const result = parseTableTemplate(file, yaml);
  if (!result.template) throw new Error(result.problems.map((p) => `${p.field}: ${p.message}`).join('\n'));
  return result.template;
}
