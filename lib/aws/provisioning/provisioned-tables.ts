/**
 * Pure translation of the construct's props into one desired table state per table (the input of
 * its invocation), in code-point order of `<namespace>.<table>` so the output is deterministic.
 */
import type { CatalogSettings, DesiredTableState } from '../../iceberg-rest/desired-table';
import { DESIRED_TABLE_STATE_VERSION } from '../../iceberg-rest/desired-table';
import { createTableRequest } from '../../iceberg-rest/table-requests';
import { compare } from '../../model/compare';
import { tableKey } from '../../model/duplicate-tables';
import type { IcebergTableJson } from '../../model/mappings/iceberg-json';
import type { ArnContext } from './provisioner-statements';

export interface ProvisionedTable {
  /** The catalog namespace: on Glue the database name, on Nessie the template namespace. */
  readonly namespace: string;
  readonly name: string;
  /**
   * Where the table's files live, e.g. `s3://<bucket>/<warehouse>/<namespace>/<table>`.
   * @default - the catalog chooses (Nessie: `<warehouse>/<namespace>/<table>_<uuid>`)
   */
  readonly location?: string;
  /** Schema with field ids, partition spec, sort order and properties (`toIcebergTableJson`). */
  readonly iceberg: IcebergTableJson;
}

/** AWS Glue's Iceberg REST endpoint, SigV4 service `glue`; warehouse and prefix name the account's default catalog. */
export interface GlueProvisionerCatalog {
  readonly kind: 'glue';
  /** @default `https://glue.<region>.amazonaws.com/iceberg` (AWS Glue developer guide, connect-glu-iceberg-rest) */
  readonly endpoint?: string;
}

export interface OAuth2ClientSettings {
  /** Token endpoint, e.g. `https://<domain>.auth.<region>.amazoncognito.com/oauth2/token`. */
  readonly tokenUri: string;
  readonly clientId: string;
  /** Secrets Manager secret holding the client secret (a string, or JSON with `client_secret`). */
  readonly clientSecretArn: string;
  /** @default - the client's default scopes */
  readonly scope?: string;
  /** Customer-managed key encrypting the secret. @default - the AWS managed key */
  readonly secretKmsKeyArn?: string;
}

export interface NessieProvisionerCatalog {
  readonly kind: 'nessie';
  /** Nessie's Iceberg REST base URI, e.g. `https://nessie.internal.example.com/iceberg`. */
  readonly uri: string;
  /**
   * DNS name to connect to instead of the URI's host, e.g. the internal load balancer's own name
   * while `uri` names the host its certificate covers; https only. @default - the URI's host
   */
  readonly connectTo?: string;
  /** Nessie's warehouse name (`NESSIE_CATALOG_DEFAULT_WAREHOUSE`). */
  readonly warehouse: string;
  /** Client credentials when Nessie has authentication on. @default - no authentication */
  readonly oauth2?: OAuth2ClientSettings;
}

export type ProvisionerCatalog = GlueProvisionerCatalog | NessieProvisionerCatalog;

export function catalogSettings(catalog: ProvisionerCatalog, context: ArnContext): CatalogSettings {
  if (catalog.kind === 'glue') {
    return {
      kind: 'glue',
      uri: catalog.endpoint ?? `https://glue.${context.region}.amazonaws.com/iceberg`,
      // The default catalog of the account: warehouse = catalog id, paths under catalogs/<id>.
      warehouse: context.accountId,
      prefix: `catalogs/${context.accountId}`,
      auth: { type: 'sigv4', region: context.region, service: 'glue' },
      createNamespaces: false,
    };
  }
  const oauth2 = catalog.oauth2;
  return {
    kind: 'nessie',
    uri: catalog.uri,
    ...(catalog.connectTo !== undefined ? { connectTo: catalog.connectTo } : {}),
    warehouse: catalog.warehouse,
    auth: oauth2
      ? {
          type: 'oauth2',
          tokenUri: oauth2.tokenUri,
          clientId: oauth2.clientId,
          clientSecretArn: oauth2.clientSecretArn,
          ...(oauth2.scope ? { scope: oauth2.scope } : {}),
        }
      : { type: 'none' },
    createNamespaces: true,
  };
}

export function desiredTableStates(
  tables: readonly ProvisionedTable[],
  catalog: CatalogSettings,
  options: { protectData: boolean; revision: number },
): { key: string; table: ProvisionedTable; state: DesiredTableState }[] {
  return [...tables]
    .sort((a, b) => compare(tableKey(a), tableKey(b)))
    .map((table) => ({
      key: tableKey(table),
      table,
      state: {
        version: DESIRED_TABLE_STATE_VERSION,
        catalog,
        namespace: [table.namespace],
        table: createTableRequest(table.iceberg, table.name, table.location),
        protectData: options.protectData,
        // Left out at 0, so introducing the field changed no existing input.
        ...(options.revision > 0 ? { revision: options.revision } : {}),
      },
    }));
}
