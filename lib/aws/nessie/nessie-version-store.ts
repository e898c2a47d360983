import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { arnProblems } from '../prop-checks';
import { throwIfPropsProblems } from '../../errors';

export interface NessieVersionStoreProps {
  /** Table name prefix: the tables are `<tablePrefix>_refs` and `<tablePrefix>_objs`. */
  readonly tablePrefix: string;
  /** Customer-managed key for server-side encryption. @default - the AWS managed key `aws/dynamodb` */
  readonly kmsKeyArn?: string;
  /** `prevent_destroy` and deletion protection on both tables. @default true */
  readonly protectData?: boolean;
}

/** The two tables of Nessie's DYNAMODB2 version store, by their suffix. */
export const NESSIE_TABLE_SUFFIXES = ['refs', 'objs'] as const;
export type NessieTableSuffix = (typeof NESSIE_TABLE_SUFFIXES)[number];

/** Longest table name DynamoDB accepts. */
const MAX_TABLE_NAME = 255;

/**
 * The tables Nessie's `DYNAMODB2` store uses (`<prefix>_refs`, `<prefix>_objs`, hash key `k` of
 * type string): on-demand, point-in-time recovery, KMS encryption. Nessie would create missing
 * tables itself, but then they would have no backups, no CMK and nobody owning them; pre-created,
 * Nessie only checks their key schema on start-up.
 */
export class NessieVersionStore extends Construct {
  readonly tablePrefix: string;
  /** Table names by suffix. */
  readonly tableNames: Readonly<Record<NessieTableSuffix, string>>;
  /** Table ARNs by suffix. */
  readonly tableArns: Readonly<Record<NessieTableSuffix, string>>;

  constructor(scope: Construct, id: string, props: NessieVersionStoreProps) {
    super(scope, id);
    const protectData = props.protectData ?? true;
    const prefix = props.tablePrefix;
    throwIfPropsProblems(this, 'NessieVersionStore', [
      ...(Token.isUnresolved(prefix) || /^[A-Za-z0-9_.-]+$/.test(prefix)
        ? []
        : [`tablePrefix '${prefix}' may contain only letters, digits, '_', '-' and '.' (DynamoDB table names)`]),
      ...(Token.isUnresolved(prefix) || prefix.length + '_refs'.length <= MAX_TABLE_NAME
        ? []
        : [`tablePrefix is ${prefix.length} characters; with '_refs' it must fit DynamoDB's ${MAX_TABLE_NAME}`]),
      ...arnProblems('kmsKeyArn', props.kmsKeyArn, 'kmsKey'),
    ]);

    const tables = NESSIE_TABLE_SUFFIXES.map(
      (suffix) =>
        new DynamodbTable(this, suffix, {
          name: `${prefix}_${suffix}`,
          billingMode: 'PAY_PER_REQUEST',
          hashKey: 'k',
          attribute: [{ name: 'k', type: 'S' }],
          pointInTimeRecovery: { enabled: true },
          serverSideEncryption: { enabled: true, kmsKeyArn: props.kmsKeyArn },
          deletionProtectionEnabled: protectData,
          lifecycle: protectData ? { preventDestroy: true } : undefined,
        }),
    );
    this.tablePrefix = prefix;
    this.tableNames = { refs: tables[0]!.name, objs: tables[1]!.name };
    this.tableArns = { refs: tables[0]!.arn, objs: tables[1]!.arn };
  }
}
