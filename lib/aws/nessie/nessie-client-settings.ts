/** Ready-to-use client settings for a Nessie deployment; values may contain Terraform references. */
export interface NessieClientSettings {
  /** Nessie API v2 root, for the Nessie CLI and Nessie catalog clients. */
  readonly nessieUri: string;
  /** Iceberg REST endpoint (`<api>/iceberg`: the default branch; `<api>/iceberg/<branch>` for others). */
  readonly icebergRestUri: string;
  /** PyIceberg catalog properties (`load_catalog(name, **pyiceberg)` or `.pyiceberg.yaml`). */
  readonly pyiceberg: Readonly<Record<string, string>>;
  /** Spark properties for the Iceberg REST catalog (Iceberg >= 1.5 runtime). */
  readonly sparkIcebergRest: Readonly<Record<string, string>>;
  /** Spark properties for Iceberg's Nessie catalog (branches and tags via Nessie's SQL extensions). */
  readonly sparkNessie: Readonly<Record<string, string>>;
}

/** The OAuth2 client a settings set authenticates as (`NessieIdentity`: token endpoint, scope, secret). */
export interface NessieClientOAuth {
  readonly tokenEndpoint: string;
  readonly scope: string;
  readonly secretName: string;
  readonly region: string;
}

/**
 * Client settings for a catalog named `catalogName`. Clients read and write table files with
 * their own AWS credentials (Nessie does not sign S3 requests for them by default). With `oauth`,
 * the Iceberg REST settings carry `credential` (a placeholder naming the secret, never its value),
 * `oauth2-server-uri` and `scope`.
 */
export function nessieClientSettings(
  apiUrl: string,
  warehouseLocation: string,
  catalogName = 'nessie',
  oauth?: NessieClientOAuth,
): NessieClientSettings {
  const icebergRestUri = `${apiUrl}/iceberg`;
  const nessieUri = `${apiUrl}/api/v2`;
  const spark = `spark.sql.catalog.${catalogName}`;
  const credential: Record<string, string> = oauth
    ? {
        credential: `<credential from: aws secretsmanager get-secret-value --region ${oauth.region} --secret-id ${oauth.secretName} --query SecretString --output text | jq -r .credential>`,
        'oauth2-server-uri': oauth.tokenEndpoint,
        scope: oauth.scope,
      }
    : {};
  return {
    nessieUri,
    icebergRestUri,
    pyiceberg: { type: 'rest', uri: icebergRestUri, ...credential },
    sparkIcebergRest: {
      'spark.sql.extensions': 'org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions',
      [spark]: 'org.apache.iceberg.spark.SparkCatalog',
      [`${spark}.type`]: 'rest',
      [`${spark}.uri`]: icebergRestUri,
      ...Object.fromEntries(Object.entries(credential).map(([k, v]) => [`${spark}.${k}`, v])),
      // Cognito offers no token-exchange grant: renew tokens with the credential (Iceberg OAuth2Properties).
      ...(oauth ? { [`${spark}.token-exchange-enabled`]: 'false' } : {}),
    },
    sparkNessie: {
      'spark.sql.extensions':
        'org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions,org.projectnessie.spark.extensions.NessieSparkSessionExtensions',
      [spark]: 'org.apache.iceberg.spark.SparkCatalog',
      [`${spark}.catalog-impl`]: 'org.apache.iceberg.nessie.NessieCatalog',
      [`${spark}.uri`]: nessieUri,
      [`${spark}.ref`]: 'main',
      [`${spark}.warehouse`]: warehouseLocation,
      [`${spark}.io-impl`]: 'org.apache.iceberg.aws.s3.S3FileIO',
    },
  };
}
