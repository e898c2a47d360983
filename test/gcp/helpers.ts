import { parseTableTemplate } from '../../lib/model/load-templates';
import type { EnvironmentConfig } from '../../lib/model/environment';
import type { LoadedTableTemplate } from '../../lib/model/table-template';
import { GcpLakehouse } from '../../lib/gcp';
import { gcpTestStack, synthStack, type TfJson } from '../support/synth';

/** A template from YAML text; throws with the problems when invalid. */
export function templateFromYaml(yaml: string, file = 'inline.yaml'): LoadedTableTemplate {
  const result = parseTableTemplate(file, yaml);
  if (!result.template) throw new Error(result.problems.map((p) => `${p.field}: ${p.message}`).join('\n'));
  return result.template;
}

/** Synthesizes a GcpLakehouse; `configure` runs before synthesis (grants). */
export function synthLakehouse(
  environment: EnvironmentConfig,
  templates: readonly LoadedTableTemplate[],
  configure?: (lakehouse: GcpLakehouse) => void,
): { json: TfJson; lakehouse: GcpLakehouse } {
  const stack = gcpTestStack();
  const lakehouse = new GcpLakehouse(stack, 'lakehouse', { environment, templates });
  configure?.(lakehouse);
  return { json: synthStack(stack), lakehouse };
}

/** Resources of a type as a list, sorted by Terraform name. */
export function listOf(json: TfJson, type: string): Array<Record<string, any>> {
  const all = (json.resource?.[type] ?? {}) as Record<string, Record<string, any>>;
  return Object.keys(all)
    .sort()
    .map((k) => all[k]!);
}

/** `${type.name...}` reference of a resource whose Terraform name contains `fragment`. */
export function refTo(json: TfJson, type: string, fragment: string, attribute: string): string {
  const names = Object.keys(json.resource?.[type] ?? {}).filter((n) => n.includes(fragment));
  if (names.length !== 1) throw new Error(`expected one ${type} matching '${fragment}', found ${names.join(', ') || 'none'}`);
  return `\${${type}.${names[0]}.${attribute}}`;
}

/** The resource of a type whose Terraform name contains `fragment`. */
export function named(json: TfJson, type: string, fragment: string): Record<string, any> {
  const all = (json.resource?.[type] ?? {}) as Record<string, Record<string, any>>;
  const names = Object.keys(all).filter((n) => n.includes(fragment));
  if (names.length !== 1) throw new Error(`expected one ${type} matching '${fragment}', found ${names.join(', ') || 'none'}`);
  return all[names[0]!]!;
}

/** Terraform address (`<type>.<name>`) of the one resource of a type whose name contains `fragment`. */
export function addressOf(json: TfJson, type: string, fragment: string): string {
  const names = Object.keys(json.resource?.[type] ?? {}).filter((n) => n.includes(fragment));
  if (names.length !== 1) throw new Error(`expected one ${type} matching '${fragment}', found ${names.join(', ') || 'none'}`);
  return `${type}.${names[0]}`;
}

/** The depends_on entries a resource calling `api` gets: its google_project_service and the activation delay. */
export function apiEdges(json: TfJson, api: string): string[] {
  const services = (json.resource?.google_project_service ?? {}) as Record<string, Record<string, unknown>>;
  const names = Object.keys(services).filter((n) => services[n]!.service === api);
  if (names.length !== 1) throw new Error(`expected one google_project_service for ${api}, found ${names.length}`);
  return [`google_project_service.${names[0]}`, addressOf(json, 'time_sleep', 'apis_activation')];
}
