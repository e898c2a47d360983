import { ProjectIamCustomRole } from '@cdktf/provider-google/lib/project-iam-custom-role';
import { Construct } from 'constructs';

/**
 * What a writer needs on a lakehouse dataset and its tables, and nothing more: read tables and
 * their data (BigQuery SQL, the Storage Read API, catalog federation), list them, and change their
 * rows (DML, load jobs, the Storage Write API). Not `bigquery.tables.update` (schema and table
 * changes: BigQuery writes need no commit that changes the schema), `create` or `delete` (tables
 * are Terraform's), nor IAM or policy-tag permissions. Source: BigQuery "IAM roles and permissions"
 * (the permissions of roles/bigquery.dataEditor, of which this is a subset).
 */
export const GCP_WRITER_PERMISSIONS = [
  'bigquery.datasets.get',
  'bigquery.tables.get',
  'bigquery.tables.getData',
  'bigquery.tables.list',
  'bigquery.tables.updateData',
] as const;

/**
 * An admin adds schema and table-metadata changes (`bigquery.tables.update`). No
 * `bigquery.tables.delete`: dropping a table drops its data, append-only or not, and tables are
 * Terraform's (deletion protection); no IAM permissions, so an admin cannot grant itself or others
 * more than its tier.
 */
export const GCP_ADMIN_PERMISSIONS = [...GCP_WRITER_PERMISSIONS, 'bigquery.tables.update'].sort();

export interface LakehouseCustomRolesProps {
  readonly projectId: string;
  /** `<project>_<env>` (underscores): roles `<prefix>_lakehouse_writer` and `<prefix>_lakehouse_admin`. */
  readonly rolePrefix: string;
}

/**
 * The writer and admin tiers' BigQuery roles as project custom roles with deterministic ids, so
 * their permissions are exactly the tier's (the predefined dataEditor and dataOwner also change
 * schemas, drop tables and, for dataOwner, grant access). A custom role deleted by `terraform
 * destroy` stays reserved for 37 days (7 days undeletable plus 30 before the id is freed); the
 * Google provider undeletes it when the same id is created again within that time.
 */
export class LakehouseCustomRoles extends Construct {
  /** Role names (`projects/<project>/roles/<id>`, references) by tier. */
  readonly roleNames: Readonly<Record<'writer' | 'admin', string>>;

  constructor(scope: Construct, id: string, props: LakehouseCustomRolesProps) {
    super(scope, id);
    const role = (tier: 'writer' | 'admin', permissions: readonly string[], description: string) =>
      new ProjectIamCustomRole(this, tier, {
        project: props.projectId,
        roleId: `${props.rolePrefix}_lakehouse_${tier}`,
        title: `Lakehouse ${tier} (${props.rolePrefix})`,
        description: `lakehouse-tier=${tier}: ${description}`,
        permissions: [...permissions],
      }).name;
    this.roleNames = {
      writer: role('writer', GCP_WRITER_PERMISSIONS, 'read and change rows of lakehouse tables; no schema changes, no drops, no IAM'),
      admin: role('admin', GCP_ADMIN_PERMISSIONS, 'writer plus schema changes; no drops, no IAM'),
    };
  }
}
