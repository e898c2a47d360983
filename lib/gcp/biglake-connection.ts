import { BigqueryConnection } from '@cdktf/provider-google/lib/bigquery-connection';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { throwIfPropsProblems } from '../errors';
import { IamPropagation } from './iam-propagation';

export interface BigLakeConnectionProps {
  readonly projectId: string;
  /** Connection id (letters, digits, `_` or `-`). */
  readonly connectionId: string;
  /** Same location as the datasets whose tables use the connection. */
  readonly location: string;
  /** The lakehouse bucket (a reference, so the grants follow the bucket). */
  readonly bucketName: string;
  /**
   * BigQuery-managed Iceberg tables write through the connection: its service account gets
   * `roles/storage.objectUser` and `roles/storage.legacyBucketReader` on the bucket.
   * @default false
   */
  readonly managedTables?: boolean;
  /**
   * Iceberg external tables read through the connection: without managed tables its service
   * account gets `roles/storage.objectViewer` on the bucket (read only).
   * @default false
   */
  readonly externalTables?: boolean;
  /**
   * Other buckets holding external tables' metadata and data: `roles/storage.objectViewer` is
   * granted on each (non-authoritative; the Terraform identity needs setIamPolicy there).
   * @default []
   */
  readonly externalBuckets?: readonly string[];
}

/**
 * The BigLake connection (`cloud_resource {}`): BigQuery reaches Cloud Storage with the
 * connection's own service account, granted only the bucket roles its table modes need.
 */
export class BigLakeConnection extends Construct {
  readonly connection: BigqueryConnection;
  /** `projects/<project>/locations/<location>/connections/<id>` (a reference). */
  readonly connectionName: string;
  /** `<project>.<location>.<id>`, the form BigQuery SQL uses (literal). */
  readonly connectionRef: string;
  /** `serviceAccount:<connection service account>` */
  readonly member: string;
  /** Bucket grants, sorted by role. */
  readonly grants: StorageBucketIamMember[] = [];
  /**
   * What tables wait for: the grants and the time they take to propagate (creating a table makes
   * BigQuery reach the bucket as the connection's service account). Empty without grants.
   */
  readonly grantsPropagated: ITerraformDependable[] = [];

  constructor(scope: Construct, id: string, props: BigLakeConnectionProps) {
    super(scope, id);
    throwIfPropsProblems(
      this,
      'BigLakeConnection',
      /^[A-Za-z0-9_-]{1,1024}$/.test(props.connectionId)
        ? []
        : [`connectionId '${props.connectionId}' is not a BigQuery connection id: 1 to 1024 letters, digits, underscores and hyphens`],
    );
    this.connection = new BigqueryConnection(this, 'connection', {
      project: props.projectId,
      connectionId: props.connectionId,
      location: props.location,
      friendlyName: props.connectionId,
      description: 'BigLake access to the lakehouse bucket for Iceberg tables',
      cloudResource: {},
    });
    this.connectionName = this.connection.name;
    this.connectionRef = `${props.projectId}.${props.location.toLowerCase()}.${props.connectionId}`;
    this.member = `serviceAccount:${this.connection.cloudResource.serviceAccountId}`;

    const roles = props.managedTables
      ? ['roles/storage.legacyBucketReader', 'roles/storage.objectUser']
      : props.externalTables
        ? ['roles/storage.objectViewer']
        : [];
    for (const role of roles) this.grant(`bucket-${role.split('.')[1]}`, props.bucketName, role);
    [...new Set(props.externalBuckets ?? [])]
      .sort()
      .forEach((bucket) => this.grant(`external-${bucket}`, bucket, 'roles/storage.objectViewer'));
    if (this.grants.length > 0) this.grantsPropagated.push(new IamPropagation(this, 'grant-propagation', { grants: this.grants }).sleep);
  }

  private grant(id: string, bucket: string, role: string): void {
    this.grants.push(new StorageBucketIamMember(this, id, { bucket, role, member: this.member }));
  }
}
