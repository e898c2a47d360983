/**
 * Values Terraform only knows after `apply` reach clients through stack outputs. Before apply,
 * `lakehouse export` writes a placeholder naming the output and the command that prints it, so a
 * file with an unfilled value fails loudly in the engine instead of pointing somewhere wrong.
 */

/** Names of the stack outputs the lead's composites create (`TerraformOutput` with `overrideLogicalId`). */
export const CLIENT_OUTPUTS = {
  /** `http(s)://<host>` of the Nessie load balancer (or `nessie.host_name`): Nessie's API root. */
  nessieApiUrl: 'lakehouse_nessie_api_url',
  /** The whole `EngineSettings` object of the environment, as `lakehouse export` computes it. */
  engineSettings: 'lakehouse_engine_settings',
  /** The `identifiers` part only (Athena / BigQuery / Spark / PyIceberg names per table). */
  identifiers: 'lakehouse_identifiers',
} as const;

/** `<lakehouse_nessie_api_url from: cdktf output staging>`: what to look up, and where. */
export function outputPlaceholder(output: string, stack: string): string {
  return `<${output} from: cdktf output ${stack}>`;
}

/** True when a rendered value still holds a placeholder (no real URL or name contains `<...>`). */
export function hasPlaceholder(value: string): boolean {
  return /<[a-z_]+ from: cdktf output [^>]+>/.test(value);
}
