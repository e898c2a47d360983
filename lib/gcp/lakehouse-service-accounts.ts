import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { Construct } from 'constructs';
import { throwIfPropsProblems } from '../errors';
import { GCP_SERVICE_ACCOUNT_TIERS, serviceAccountIdProblems } from './rules/names';
import type { ColumnSecurity } from './column-security';
import type { AccessTier } from '../plan/tiers';
import { LakehouseAccessGrant } from './lakehouse-access-grant';

export interface LakehouseServiceAccountsProps {
  readonly projectId: string;
  /** `<project>-<env>`: the accounts are `<prefix>-reader`, `<prefix>-writer`, `<prefix>-admin`. */
  readonly prefix: string;
  /** The lakehouse bucket (a reference). */
  readonly bucketName: string;
  /** Lakehouse dataset ids (references), by namespace. */
  readonly datasetIds: Readonly<Record<string, string>>;
  /** @default - no column-level grants */
  readonly columnSecurity?: ColumnSecurity;
  /** The writer and admin custom roles (`LakehouseCustomRoles.roleNames`). */
  readonly customRoles: Readonly<Record<'writer' | 'admin', string>>;
}

/**
 * The three tiers as service accounts, each with its tier's roles (see GCP_TIER_ROLES): reader
 * (dataViewer, jobUser, readSessionUser, masked reader; no bucket access), writer (objectViewer,
 * the writer custom role, jobUser, readSessionUser, biglake.viewer, fine-grained reader), admin
 * (as writer with the admin custom role).
 */
export class LakehouseServiceAccounts extends Construct {
  readonly accounts: Readonly<Record<AccessTier, ServiceAccount>>;

  constructor(scope: Construct, id: string, props: LakehouseServiceAccountsProps) {
    super(scope, id);
    const problems = GCP_SERVICE_ACCOUNT_TIERS.flatMap((tier) => {
      const accountId = `${props.prefix}-${tier}`;
      const rules = serviceAccountIdProblems(accountId);
      return rules.length > 0 ? [`'${accountId}': ${rules.join('; ')}`] : [];
    });
    if (problems.length > 0) {
      throwIfPropsProblems(
        this,
        'LakehouseServiceAccounts',
        problems.map((p) => `prefix: ${p} (shorten the project or environment name)`),
      );
    }
    const accounts = {} as Record<AccessTier, ServiceAccount>;
    for (const tier of GCP_SERVICE_ACCOUNT_TIERS) {
      const account = new ServiceAccount(this, tier, {
        project: props.projectId,
        accountId: `${props.prefix}-${tier}`,
        displayName: `Lakehouse ${tier} (${props.prefix})`,
        description: `Lakehouse ${tier} tier, managed by cdktf`,
      });
      new LakehouseAccessGrant(this, `${tier}-grants`, {
        tier,
        member: account.member,
        projectId: props.projectId,
        bucketName: props.bucketName,
        datasetIds: props.datasetIds,
        columnSecurity: props.columnSecurity,
        customRoles: props.customRoles,
      });
      accounts[tier] = account;
    }
    this.accounts = accounts;
  }

  /** Service account emails by tier. */
  get emails(): Record<AccessTier, string> {
    return { reader: this.accounts.reader.email, writer: this.accounts.writer.email, admin: this.accounts.admin.email };
  }
}
