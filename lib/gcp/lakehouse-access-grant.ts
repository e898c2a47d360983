import { BigqueryDatapolicyDataPolicyIamMember } from '@cdktf/provider-google/lib/bigquery-datapolicy-data-policy-iam-member';
import { BigqueryDatasetIamMember } from '@cdktf/provider-google/lib/bigquery-dataset-iam-member';
import { DataCatalogPolicyTagIamMember } from '@cdktf/provider-google/lib/data-catalog-policy-tag-iam-member';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import type { AccessTier } from '../plan/tiers';
import type { ColumnSecurity } from './column-security';

export interface TierRoles {
  /** Role on the lakehouse bucket. */
  readonly bucket: string;
  /** Role on every lakehouse dataset. */
  readonly dataset: string;
  /** Roles on the project (running query jobs). */
  readonly project: readonly string[];
  /** `roles/datacatalog.categoryFineGrainedReader` on every restricted tag: unmasked restricted columns. */
  readonly fineGrainedReader: boolean;
  /** `roles/bigquerydatapolicy.maskedReader` on every data policy: masked values instead of an error. */
  readonly maskedReader: boolean;
}

/**
 * The roles of each tier. Readers never get the fine-grained reader role (restricted columns stay
 * masked or denied). Admins get objectAdmin rather than storage.admin on the bucket: full control
 * of the data, but bucket settings and IAM stay with Terraform.
 */
export const GCP_TIER_ROLES: Readonly<Record<AccessTier, TierRoles>> = {
  reader: {
    bucket: 'roles/storage.objectViewer',
    dataset: 'roles/bigquery.dataViewer',
    project: ['roles/bigquery.jobUser'],
    fineGrainedReader: false,
    maskedReader: true,
  },
  writer: {
    bucket: 'roles/storage.objectUser',
    dataset: 'roles/bigquery.dataEditor',
    project: ['roles/bigquery.jobUser'],
    fineGrainedReader: true,
    maskedReader: false,
  },
  admin: {
    bucket: 'roles/storage.objectAdmin',
    dataset: 'roles/bigquery.dataOwner',
    project: ['roles/bigquery.jobUser'],
    fineGrainedReader: true,
    maskedReader: false,
  },
};

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
    new StorageBucketIamMember(this, 'bucket', { bucket: props.bucketName, role: roles.bucket, member });
    for (const namespace of Object.keys(props.datasetIds).sort()) {
      const datasetId = props.datasetIds[namespace]!;
      new BigqueryDatasetIamMember(this, `dataset-${namespace}`, { project: props.projectId, datasetId, role: roles.dataset, member });
    }
    for (const role of roles.project) {
      new ProjectIamMember(this, role.replace('roles/', '').replace('.', '-'), { project: props.projectId, role, member });
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
