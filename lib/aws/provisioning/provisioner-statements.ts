/**
 * The table-provisioning function's permissions, least privilege per catalog. Sources:
 * - Glue Iceberg REST: "AWS Glue REST APIs for Apache Iceberg specifications" (AWS Glue developer
 *   guide, iceberg-rest-apis) lists the IAM action of each operation: GetConfig → glue:GetCatalog,
 *   LoadNamespaceMetadata → glue:GetDatabase, CreateTable → glue:CreateTable, LoadTable/TableExists
 *   → glue:GetTable, UpdateTable → glue:UpdateTable, DeleteTable → glue:DeleteTable; Glue vends
 *   storage access through Lake Formation (lakeformation:GetDataAccess, which has no resource-level
 *   permissions, hence Resource "*").
 * - Lambda in a VPC: "Giving Lambda functions access to resources in an Amazon VPC" (Lambda
 *   developer guide) lists the ENI actions; DescribeNetworkInterfaces and DescribeSubnets only work on "*".
 */
import type { PolicyStatement } from '../policy-document';

export interface ArnContext {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
}

const arn = (c: ArnContext, service: string, resource: string) => `arn:${c.partition}:${service}:${c.region}:${c.accountId}:${resource}`;

/** Writing the function's own log streams. */
export function logStatements(logGroupArn: string): PolicyStatement[] {
  return [{ Sid: 'OwnLogStreams', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `${logGroupArn}:*` }];
}

/** What every Glue call needs, whatever the database: the catalog's configuration and Lake Formation's vended access. */
export function glueCatalogStatements(c: ArnContext): PolicyStatement[] {
  return [
    { Sid: 'GlueCatalogConfig', Effect: 'Allow', Action: 'glue:GetCatalog', Resource: arn(c, 'glue', 'catalog') },
    { Sid: 'LakeFormationVendedAccess', Effect: 'Allow', Action: 'lakeformation:GetDataAccess', Resource: '*' },
  ];
}

/**
 * The given databases and the tables in them (sorted names): these statements grow with the databases.
 * `glue:DeleteTable` only when tables may be dropped: with protection on, neither IAM nor Lake
 * Formation lets the function drop one (in hybrid access mode IAM alone decides for a role that is
 * not opted in).
 */
export function glueDatabaseStatements(c: ArnContext, databases: readonly string[], mayDrop: boolean): PolicyStatement[] {
  if (databases.length === 0) return [];
  const catalog = arn(c, 'glue', 'catalog');
  const databaseArns = databases.map((d) => arn(c, 'glue', `database/${d}`));
  const tableArns = databases.map((d) => arn(c, 'glue', `table/${d}/*`));
  return [
    { Sid: 'GlueDatabases', Effect: 'Allow', Action: 'glue:GetDatabase', Resource: [catalog, ...databaseArns] },
    {
      Sid: 'GlueIcebergTables',
      Effect: 'Allow',
      Action: mayDrop
        ? ['glue:CreateTable', 'glue:DeleteTable', 'glue:GetTable', 'glue:UpdateTable']
        : ['glue:CreateTable', 'glue:GetTable', 'glue:UpdateTable'],
      Resource: [catalog, ...databaseArns, ...tableArns],
    },
  ];
}

/**
 * Reading the catalog, the lakehouse's databases and their tables: what the drift check needs
 * (GetConfig, LoadNamespaceMetadata, LoadTable through the Iceberg REST endpoint). Glue reads a
 * table's metadata file through Lake Formation's vended access, as for the provisioning function.
 */
export function glueReadStatements(c: ArnContext, databases: readonly string[]): PolicyStatement[] {
  const catalog = arn(c, 'glue', 'catalog');
  const databaseArns = databases.map((d) => arn(c, 'glue', `database/${d}`));
  const tableArns = databases.map((d) => arn(c, 'glue', `table/${d}/*`));
  return [
    { Sid: 'GlueCatalogConfig', Effect: 'Allow', Action: 'glue:GetCatalog', Resource: catalog },
    { Sid: 'GlueDatabases', Effect: 'Allow', Action: 'glue:GetDatabase', Resource: [catalog, ...databaseArns] },
    { Sid: 'GlueReadTables', Effect: 'Allow', Action: 'glue:GetTable', Resource: [catalog, ...databaseArns, ...tableArns] },
    { Sid: 'LakeFormationVendedAccess', Effect: 'Allow', Action: 'lakeformation:GetDataAccess', Resource: '*' },
  ];
}

/** Reading the OAuth2 client secret (and decrypting it, when a customer-managed key protects it). */
export function secretStatements(c: ArnContext, secretArn: string, kmsKeyArn?: string): PolicyStatement[] {
  const statements: PolicyStatement[] = [
    { Sid: 'OAuth2ClientSecret', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: secretArn },
  ];
  if (kmsKeyArn) {
    statements.push({
      Sid: 'OAuth2ClientSecretKey',
      Effect: 'Allow',
      Action: 'kms:Decrypt',
      Resource: kmsKeyArn,
      Condition: { StringEquals: { 'kms:ViaService': `secretsmanager.${c.region}.amazonaws.com` } },
    });
  }
  return statements;
}

/** The network interfaces Lambda creates for the function in the given subnets and security groups. */
export function vpcStatements(c: ArnContext, subnetIds: readonly string[], securityGroupIds: readonly string[]): PolicyStatement[] {
  const interfaces = arn(c, 'ec2', 'network-interface/*');
  return [
    {
      Sid: 'CreateFunctionInterfaces',
      Effect: 'Allow',
      Action: 'ec2:CreateNetworkInterface',
      Resource: [
        interfaces,
        ...subnetIds.map((s) => arn(c, 'ec2', `subnet/${s}`)),
        ...securityGroupIds.map((g) => arn(c, 'ec2', `security-group/${g}`)),
      ],
    },
    {
      Sid: 'ManageFunctionInterfaces',
      Effect: 'Allow',
      Action: ['ec2:AssignPrivateIpAddresses', 'ec2:DeleteNetworkInterface', 'ec2:UnassignPrivateIpAddresses'],
      Resource: interfaces,
    },
    { Sid: 'DescribeNetwork', Effect: 'Allow', Action: ['ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets'], Resource: '*' },
  ];
}
