import { BigqueryDatapolicyDataPolicyIamMember } from '@cdktf/provider-google/lib/bigquery-datapolicy-data-policy-iam-member';
import { BigqueryDatasetIamMember } from '@cdktf/provider-google/lib/bigquery-dataset-iam-member';
import { DataCatalogPolicyTagIamMember } from '@cdktf/provider-google/lib/data-catalog-policy-tag-iam-member';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { LakehousePropsError } from '../errors';
import type { AccessTier } from '../plan/tiers';
import type { ColumnSecurity } from './column-security';

export interface TierRoles {
  /** Roles on the lakehouse bucket (object read for catalog federation; never write or delete: only BigQuery writes managed tables' files). */
  readonly bucket: readonly string[];
  /** Role on every lakehouse dataset: a predefined role, or `custom` for the tier's project custom role (LakehouseCustomRoles). */
  readonly dataset: string | 'custom';
  /** Roles on the project: query jobs, Storage Read API sessions, catalog federation. */
  readonly project: readonly string[];
  /** `roles/datacatalog.categoryFineGrainedReader` on every restricted tag: unmasked restricted columns. */
  readonly fineGrainedReader: boolean;
  /** `roles/bigquerydatapolicy.maskedReader` on every data policy: masked values instead of an error. */
  readonly maskedReader: boolean;
}

/**
 * The roles of each tier:
 * - reader: no object access at all (policy tags and masking apply only inside BigQuery; the
 *   Parquet files hold every column), `dataViewer` on the datasets, query jobs and Storage Read
 *   API sessions (the Spark BigQuery connector; the Storage Read API enforces policy tags), masked
 *   reads of restricted columns. Catalog federation is not for readers (it reads files raw).
 * - writer: object read on the bucket (catalog federation reads files with the engine's identity),
 *   the writer custom role on the datasets (rows, not schemas), jobs, read sessions,
 *   `roles/biglake.viewer` (federation), unmasked restricted columns.
 * - admin: as writer, with the admin custom role (plus schema changes).
 * Nobody gets object create or delete: only BigQuery writes BigQuery-managed tables' files.
 */
export const GCP_TIER_ROLES: Readonly<Record<AccessTier, TierRoles>> = {
  reader: {
    bucket: [],
    dataset: 'roles/bigquery.dataViewer',
    project: ['roles/bigquery.jobUser', 'roles/bigquery.readSessionUser'],
    fineGrainedReader: false,
    maskedReader: true,
  },
  writer: {
    bucket: ['roles/storage.objectViewer'],
    dataset: 'custom',
    project: ['roles/biglake.viewer', 'roles/bigquery.jobUser', 'roles/bigquery.readSessionUser'],
    fineGrainedReader: true,
    maskedReader: false,
  },
  admin: {
    bucket: ['roles/storage.objectViewer'],
    dataset: 'custom',
    project: ['roles/biglake.viewer', 'roles/bigquery.jobUser', 'roles/bigquery.readSessionUser'],
    fineGrainedReader: true,
    maskedReader: false,
  },
};

/** What one group of exported engine settings needs of IAM, and which tiers may use it. */
export interface GcpEngineAccess {
  readonly engine: 'pyiceberg' | 'spark' | 'trino';
  /** The exported settings keys this entry covers. */
  readonly keys: RegExp;
  readonly use: string;
  /** Tiers the settings are for; the others must lack `bucket` (they cannot read files). */
  readonly tiers: readonly AccessTier[];
  /** Project roles the engine needs (besides the tier's dataset role). */
  readonly project: readonly string[];
  /** Bucket roles the engine needs. */
  readonly bucket: readonly string[];
}

/**
 * The exported BigLake engine settings (lib/clients/biglake-*) and what each needs:
 * - the Spark BigQuery connector reads through the Storage Read API (`bigquery.readsessions.create`,
 *   roles/bigquery.readSessionUser) and bills jobs to `parentProject` (roles/bigquery.jobUser); the
 *   Storage Read API enforces policy tags, so readers may use it;
 * - BigQuery catalog federation (PyIceberg, Spark's Iceberg catalog, Trino) needs roles/biglake.viewer
 *   on the project and object read on the bucket (Google Cloud, "Use catalog federation with
 *   BigQuery"): the engine reads Parquet files itself, every column included, so it is not for readers.
 * test/gcp/engine-access.test.ts checks every exported key against this table and GCP_TIER_ROLES.
 */
export const GCP_ENGINE_ACCESS: readonly GcpEngineAccess[] = [
  {
    engine: 'spark',
    keys: /^spark\.datasource\.bigquery\./,
    use: 'Spark BigQuery connector (Storage Read and Write APIs)',
    tiers: ['reader', 'writer', 'admin'],
    project: ['roles/bigquery.jobUser', 'roles/bigquery.readSessionUser'],
    bucket: [],
  },
  ...(['pyiceberg', 'spark', 'trino'] as const).map((engine): GcpEngineAccess => ({
    engine,
    keys: engine === 'spark' ? /^spark\.sql\./ : /./,
    use: "BigQuery catalog federation (Iceberg REST, read-only; files read with the engine's identity)",
    tiers: ['writer', 'admin'],
    project: ['roles/biglake.viewer'],
    bucket: ['roles/storage.objectViewer'],
  })),
];

const MEMBER = /^(user|serviceAccount|group|domain|principal|principalSet):\S+$/;

export interface LakehouseAccessGrantProps {
  readonly tier: AccessTier;
  /** IAM member, e.g. `serviceAccount:etl@acme.iam.gserviceaccount.com` or `group:analysts@acme.com`. */
  readonly member: string;
  readonly projectId: string;
  /** The lakehouse bucket (a reference). */
  readonly bucketName: string;
  /** Every lakehouse dataset id (references), by namespace. */
  readonly datasetIds: Readonly<Record<string, string>>;
  /** Policy tags and data policies. @default - no column-level grants */
  readonly columnSecurity?: ColumnSecurity;
  /** The writer and admin custom roles (`LakehouseCustomRoles.roleNames`); required for those tiers. @default - none */
  readonly customRoles?: Readonly<Record<'writer' | 'admin', string>>;
}

/** Gives one identity one tier's roles on the lakehouse (all grants non-authoritative `*_iam_member`). */
export class LakehouseAccessGrant extends Construct {
  constructor(scope: Construct, id: string, props: LakehouseAccessGrantProps) {
    super(scope, id);
    const roles = GCP_TIER_ROLES[props.tier];
    if (!roles) throw new Error(`Unknown access tier '${props.tier}': use reader, writer or admin`);
    if (!Token.isUnresolved(props.member) && !MEMBER.test(props.member)) {
      throw new Error(
        `Invalid IAM member '${props.member}': write <type>:<id> with type user, serviceAccount, group, domain, principal or principalSet ` +
          `(e.g. serviceAccount:etl@my-project.iam.gserviceaccount.com)`,
      );
    }
    const member = props.member;
    const datasetRole = roles.dataset === 'custom' ? props.customRoles?.[props.tier as 'writer' | 'admin'] : roles.dataset;
    if (datasetRole === undefined) {
      throw new LakehousePropsError(this, 'LakehouseAccessGrant', [
        `customRoles: the ${props.tier} tier's dataset role is a custom role; pass LakehouseCustomRoles' roleNames`,
      ]);
    }
    for (const role of roles.bucket) {
      new StorageBucketIamMember(this, role === 'roles/storage.objectViewer' ? 'bucket' : `bucket-${roleId(role)}`, {
        bucket: props.bucketName,
        role,
        member,
      });
    }
    for (const namespace of Object.keys(props.datasetIds).sort()) {
      const datasetId = props.datasetIds[namespace]!;
      new BigqueryDatasetIamMember(this, `dataset-${namespace}`, { project: props.projectId, datasetId, role: datasetRole, member });
    }
    for (const role of roles.project) {
      new ProjectIamMember(this, roleId(role), { project: props.projectId, role, member });
    }
    const security = props.columnSecurity;
    if (security && roles.fineGrainedReader) {
      const tags = [
        { id: 'restricted', tag: security.restrictedTag },
        ...security.maskedTags.map((m) => ({ id: `restricted-${m.masking}`, tag: m.tag })),
      ];
      for (const { id: tagId, tag } of tags) {
        new DataCatalogPolicyTagIamMember(this, `fine-grained-reader-${tagId}`, {
          policyTag: tag.name,
          role: 'roles/datacatalog.categoryFineGrainedReader',
          member,
        });
      }
    }
    if (security && roles.maskedReader) {
      for (const masked of security.maskedTags) {
        new BigqueryDatapolicyDataPolicyIamMember(this, `masked-reader-${masked.masking}`, {
          project: props.projectId,
          location: masked.dataPolicy.location,
          dataPolicyId: masked.dataPolicy.dataPolicyId,
          role: 'roles/bigquerydatapolicy.maskedReader',
          member,
        });
      }
    }
  }
}

/** `roles/bigquery.jobUser` → `bigquery-jobUser`: a construct id. */
function roleId(role: string): string {
  return role.replace('roles/', '').replace('.', '-');
}
