/**
 * Turns the strings of a synthesized stack into comparable identities: `${aws_s3_bucket.x.arn}`
 * becomes `arn:aws:s3:::<bucket name>`, `${google_service_account.x.member}` becomes
 * `serviceAccount:<email>`, and so on, so a bucket written by reference in one place and by name
 * in another is the same bucket. The account, region and partition data sources become the
 * placeholders `{account}`, `{region}` and `aws`. A stack resource whose attribute cannot be
 * computed becomes an opaque token `{<address>}` (still an identity); anything that is not a
 * reference to a stack resource (variables, functions) is kept verbatim and reported unresolved.
 */
import type { StackIndex, TerraformResource } from '../terraform-json';

export interface Canonical {
  readonly text: string;
  /** Interpolations that are not references to stack resources (`${var.x}`, `${jsonencode(...)}`). */
  readonly unresolved: readonly string[];
}

const REFERENCE = /^(data\.)?([a-z][a-z0-9_]*)\.([A-Za-z_][\w-]*)((?:\.[A-Za-z_][\w]*|\[\d+\])*)$/;

export class Canonicalizer {
  constructor(readonly stack: StackIndex) {}

  /** The canonical form of a string value. */
  value(raw: string): Canonical {
    const unresolved: string[] = [];
    let out = '';
    let i = 0;
    while (i < raw.length) {
      const start = raw.indexOf('${', i);
      if (start < 0) {
        out += raw.slice(i);
        break;
      }
      if (start > 0 && raw[start - 1] === '$') {
        // `$${` is Terraform's escape for a literal `${` (an IAM policy variable).
        out += raw.slice(i, start + 2);
        unresolved.push(raw.slice(start - 1, closing(raw, start) + 1));
        i = start + 2;
        continue;
      }
      const end = closing(raw, start);
      out += raw.slice(i, start);
      const expression = raw.slice(start + 2, end).trim();
      const resolved = this.reference(expression);
      if (resolved === undefined) unresolved.push(raw.slice(start, end + 1));
      out += resolved ?? raw.slice(start, end + 1);
      i = end + 1;
    }
    return { text: out, unresolved };
  }

  /** Canonical text, ignoring what could not be resolved (callers that care use `value`). */
  text(raw: unknown): string {
    return typeof raw === 'string' ? this.value(raw).text : '';
  }

  private reference(expression: string): string | undefined {
    const m = REFERENCE.exec(expression);
    if (!m) return undefined;
    const address = `${m[1] ?? ''}${m[2]}.${m[3]}`;
    const resource = this.stack.get(address);
    if (!resource) return undefined;
    const attribute = (m[4] ?? '').replace(/^\./, '');
    return this.attribute(resource, attribute);
  }

  /** Canonical value of `<resource>.<attribute>`. */
  attribute(r: TerraformResource, attribute: string): string {
    const computed = computedAttribute(this, r, attribute);
    if (computed !== undefined) return computed;
    const literal = r.config[attribute];
    if (typeof literal === 'string') return this.value(literal).text;
    return `{${r.address}.${attribute}}`;
  }

  /** A literal attribute of a resource, canonicalized; an opaque token for the resource when absent. */
  literal(r: TerraformResource, attribute: string): string {
    const v = r.config[attribute];
    return typeof v === 'string' ? this.value(v).text : `{${r.address}}`;
  }
}

/** Index of the `}` closing the interpolation that starts at `start` (`${`). */
function closing(raw: string, start: number): number {
  let depth = 0;
  for (let j = start + 1; j < raw.length; j++) {
    if (raw[j] === '{') depth++;
    else if (raw[j] === '}' && --depth === 0) return j;
  }
  return raw.length - 1;
}

type Rule = (c: Canonicalizer, r: TerraformResource) => string;

const iamPath = (c: Canonicalizer, r: TerraformResource) => (typeof r.config.path === 'string' ? c.text(r.config.path) : '/');
const serviceAccountEmail: Rule = (c, r) => `${c.literal(r, 'account_id')}@${c.literal(r, 'project')}.iam.gserviceaccount.com`;

/** Attributes the provider computes, by resource type. */
const COMPUTED: Readonly<Record<string, Readonly<Record<string, Rule>>>> = {
  'data.aws_partition': { partition: () => 'aws' },
  'data.aws_region': { name: () => '{region}', region: () => '{region}' },
  'data.aws_caller_identity': { account_id: () => '{account}' },
  aws_s3_bucket: {
    arn: (c, r) => `arn:aws:s3:::${c.literal(r, 'bucket')}`,
    bucket: (c, r) => c.literal(r, 'bucket'),
    id: (c, r) => c.literal(r, 'bucket'),
  },
  aws_iam_role: {
    arn: (c, r) => `arn:aws:iam::{account}:role${iamPath(c, r)}${c.literal(r, 'name')}`,
    name: (c, r) => c.literal(r, 'name'),
    id: (c, r) => c.literal(r, 'name'),
  },
  aws_iam_user: {
    arn: (c, r) => `arn:aws:iam::{account}:user${iamPath(c, r)}${c.literal(r, 'name')}`,
    name: (c, r) => c.literal(r, 'name'),
    id: (c, r) => c.literal(r, 'name'),
  },
  aws_iam_policy: {
    arn: (c, r) => `arn:aws:iam::{account}:policy${iamPath(c, r)}${c.literal(r, 'name')}`,
    id: (c, r) => `arn:aws:iam::{account}:policy${iamPath(c, r)}${c.literal(r, 'name')}`,
  },
  aws_glue_catalog_database: {
    arn: (c, r) => `arn:aws:glue:{region}:{account}:database/${c.literal(r, 'name')}`,
    name: (c, r) => c.literal(r, 'name'),
  },
  aws_lakeformation_resource: { arn: (c, r) => c.literal(r, 'arn') },
  google_storage_bucket: {
    name: (c, r) => c.literal(r, 'name'),
    id: (c, r) => c.literal(r, 'name'),
    url: (c, r) => `gs://${c.literal(r, 'name')}`,
  },
  google_bigquery_dataset: { dataset_id: (c, r) => c.literal(r, 'dataset_id') },
  google_project_iam_custom_role: {
    name: (c, r) => `projects/${c.literal(r, 'project')}/roles/${c.literal(r, 'role_id')}`,
    id: (c, r) => `projects/${c.literal(r, 'project')}/roles/${c.literal(r, 'role_id')}`,
  },
  google_service_account: {
    email: serviceAccountEmail,
    member: (c, r) => `serviceAccount:${serviceAccountEmail(c, r)}`,
    name: (c, r) => `projects/${c.literal(r, 'project')}/serviceAccounts/${serviceAccountEmail(c, r)}`,
    id: (c, r) => `projects/${c.literal(r, 'project')}/serviceAccounts/${serviceAccountEmail(c, r)}`,
  },
  google_data_catalog_policy_tag: { name: (_c, r) => `{${r.address}}`, id: (_c, r) => `{${r.address}}` },
  google_data_catalog_taxonomy: { name: (_c, r) => `{${r.address}}`, id: (_c, r) => `{${r.address}}` },
  google_bigquery_datapolicy_data_policy: {
    data_policy_id: (c, r) => c.literal(r, 'data_policy_id'),
    location: (c, r) => c.literal(r, 'location'),
  },
};

function computedAttribute(c: Canonicalizer, r: TerraformResource, attribute: string): string | undefined {
  return COMPUTED[r.type]?.[attribute]?.(c, r);
}
