import { BigqueryDatapolicyDataPolicy } from '@cdktf/provider-google/lib/bigquery-datapolicy-data-policy';
import { DataCatalogPolicyTag } from '@cdktf/provider-google/lib/data-catalog-policy-tag';
import { DataCatalogTaxonomy } from '@cdktf/provider-google/lib/data-catalog-taxonomy';
import { Construct } from 'constructs';
import { throwIfPropsProblems } from '../errors';
import type { MaskingKind } from '../model/table-template';
import { policyLocationFor } from './locations';

/** BigQuery's predefined masking rule for each template `masking` value. */
export const MASKING_EXPRESSIONS: Readonly<Record<MaskingKind, string>> = {
  sha256: 'SHA256',
  nullify: 'ALWAYS_NULL',
  default: 'DEFAULT_MASKING_VALUE',
};

export interface ColumnSecurityProps {
  readonly projectId: string;
  /** Taxonomy display name, unique in the organization (letters, digits, `_`, `-`, spaces; <= 200). */
  readonly taxonomyName: string;
  /** The datasets' location: taxonomies and data policies must be in the same location as the tables. */
  readonly location: string;
  /**
   * Masking kinds used by restricted columns. Each gets its own policy tag with one data
   * policy, because a principal can only get one masking rule per policy tag.
   * @default [] (restricted columns are unreadable without the fine-grained reader role)
   */
  readonly maskingKinds?: readonly MaskingKind[];
  /** Prefix of data policy ids (letters, digits, `_`); ids are `<prefix>_restricted_<kind>`. */
  readonly dataPolicyIdPrefix: string;
  /** `prevent_destroy` on the taxonomy and tags: deleting them strips the columns' protection. @default true */
  readonly protectData?: boolean;
}

/** A masking policy tag with its data policy. */
export interface MaskedTag {
  readonly masking: MaskingKind;
  readonly tag: DataCatalogPolicyTag;
  readonly dataPolicy: BigqueryDatapolicyDataPolicy;
}

/**
 * Column-level security: a taxonomy with fine-grained access control, a `restricted` policy tag
 * for restricted columns without masking (readers get "access denied"), and one
 * `restricted-<kind>` tag per masking kind whose data policy shows masked readers masked values.
 */
export class ColumnSecurity extends Construct {
  readonly taxonomy: DataCatalogTaxonomy;
  readonly restrictedTag: DataCatalogPolicyTag;
  /** Masking tags, sorted by kind. */
  readonly maskedTags: readonly MaskedTag[];

  constructor(scope: Construct, id: string, props: ColumnSecurityProps) {
    super(scope, id);
    const problems: string[] = [];
    if (!/^[\p{L}\p{N}_ -]+$/u.test(props.taxonomyName) || /^ | $/.test(props.taxonomyName) || props.taxonomyName.length > 200) {
      problems.push(`taxonomyName '${props.taxonomyName}': use letters, digits, '_', '-' or inner spaces, at most 200 characters`);
    }
    if (!/^[A-Za-z0-9_]+$/.test(props.dataPolicyIdPrefix)) {
      problems.push(`dataPolicyIdPrefix '${props.dataPolicyIdPrefix}': use letters, digits and '_' only`);
    }
    const kinds = [...new Set(props.maskingKinds ?? [])].sort();
    for (const kind of kinds)
      if (!(kind in MASKING_EXPRESSIONS)) problems.push(`maskingKinds: unknown kind '${kind}' (sha256, nullify, default)`);
    throwIfPropsProblems(this, 'ColumnSecurity', problems);

    const location = policyLocationFor(props.location);
    const lifecycle = { preventDestroy: props.protectData ?? true };
    this.taxonomy = new DataCatalogTaxonomy(this, 'taxonomy', {
      project: props.projectId,
      region: location,
      displayName: props.taxonomyName,
      description: 'Lakehouse column-level security: restricted (PII) columns',
      activatedPolicyTypes: ['FINE_GRAINED_ACCESS_CONTROL'],
      lifecycle,
    });
    this.restrictedTag = new DataCatalogPolicyTag(this, 'restricted', {
      taxonomy: this.taxonomy.id,
      displayName: 'restricted',
      description: 'Restricted columns: readable only with the fine-grained reader role',
      lifecycle,
    });
    this.maskedTags = kinds.map((masking) => {
      const tag = new DataCatalogPolicyTag(this, `restricted-${masking}`, {
        taxonomy: this.taxonomy.id,
        displayName: `restricted-${masking}`,
        description: `Restricted columns shown to masked readers as ${MASKING_EXPRESSIONS[masking]}`,
        lifecycle,
      });
      const dataPolicy = new BigqueryDatapolicyDataPolicy(this, `masking-${masking}`, {
        project: props.projectId,
        location,
        dataPolicyId: `${props.dataPolicyIdPrefix}_restricted_${masking}`,
        policyTag: tag.name,
        dataPolicyType: 'DATA_MASKING_POLICY',
        dataMaskingPolicy: { predefinedExpression: MASKING_EXPRESSIONS[masking] },
      });
      return { masking, tag, dataPolicy };
    });
  }

  /** Every policy tag (restricted first, then masking tags by kind). */
  get allTags(): DataCatalogPolicyTag[] {
    return [this.restrictedTag, ...this.maskedTags.map((m) => m.tag)];
  }

  /** The policy tag name (`projects/.../policyTags/...`) a restricted column with this masking carries. */
  tagNameFor(masking?: MaskingKind): string {
    if (!masking) return this.restrictedTag.name;
    const masked = this.maskedTags.find((m) => m.masking === masking);
    if (!masked) throw new Error(`ColumnSecurity has no '${masking}' masking tag; add it to maskingKinds`);
    return masked.tag.name;
  }
}
