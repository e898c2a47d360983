/** Nessie's REST API (Nessie API v2 and Iceberg REST under /iceberg). */
export const NESSIE_API_PORT = 19120;
/** Quarkus management interface: health (`/q/health/*`) and metrics. */
export const NESSIE_MANAGEMENT_PORT = 9000;
/** Readiness: up once the version store and every warehouse's object store answer. */
export const NESSIE_READINESS_PATH = '/q/health/ready';

/** The network a Nessie deployment sits in (`NessieNetwork` satisfies it). */
export interface NessieNetworkRef {
  readonly vpcId: string;
  readonly publicSubnetIds: readonly string[];
  readonly privateSubnetIds: readonly string[];
}
