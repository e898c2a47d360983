/**
 * A reviewer's digest of a synthesized stack: every resource by construct path and type, with the
 * attributes that decide security (policies, trust, grants, encryption, public access, network
 * rules, IAM bindings, destroy protection) in one line each. Its snapshot shows in a review what
 * changed in who may do what, which the full JSON snapshot buries.
 */
import { policyStatements, RESOURCE_POLICY_ATTRIBUTES, type Statement } from '../../lib/policy/iam-policy';
import { StackIndex, type TerraformJson, type TerraformResource } from '../../lib/policy/terraform-json';
import { compare } from '../../lib/model/compare';

type Config = Readonly<Record<string, unknown>>;
type Describe = (r: TerraformResource, stack: StackIndex) => string[];

const join = (v: unknown): string => (Array.isArray(v) ? v.map(String).join(',') : String(v));
const first = (v: unknown): Config => ((Array.isArray(v) ? v[0] : v) ?? {}) as Config;

function statementLine(s: Statement): string {
  const who = s.principals ? ` principal ${s.principals.map((p) => `${p.type}:${p.values.join(',')}`).join(' ')}` : '';
  const what = s.notActions ? `NOT ${s.notActions.join(',')}` : s.actions.join(',');
  const on = s.notResources ? `NOT ${s.notResources.join(',')}` : s.resources.join(',');
  const when = Object.entries(s.condition)
    .flatMap(([op, keys]) => Object.entries(keys).map(([k, v]) => `${op} ${k}=${v.join(',')}`))
    .join('; ');
  return `${s.effect} ${what}${on ? ` on ${on}` : ''}${who}${when ? ` if ${when}` : ''}`;
}

const policy =
  (attribute: string): Describe =>
  (r, stack) =>
    policyStatements(r.config[attribute], stack).map(statementLine);

const DESCRIBE: Readonly<Record<string, Describe>> = {
  aws_iam_role: (r, stack) => policyStatements(r.config.assume_role_policy, stack).map((s) => `trust: ${statementLine(s)}`),
  aws_iam_policy: policy('policy'),
  aws_iam_role_policy: (r, stack) => [`role ${join(r.config.role)}`, ...policy('policy')(r, stack)],
  aws_iam_role_policy_attachment: (r) => [`${join(r.config.role)} <- ${join(r.config.policy_arn)}`],
  aws_lakeformation_permissions: (r) => {
    const c = r.config;
    const target = c.table_with_columns
      ? `table ${join(first(c.table_with_columns).database_name)}.${join(first(c.table_with_columns).name)} excluding ${join(first(c.table_with_columns).excluded_column_names ?? [])}`
      : c.table
        ? `table ${join(first(c.table).database_name)}.${first(c.table).wildcard ? '*' : join(first(c.table).name)}`
        : c.database
          ? `database ${join(first(c.database).name)}`
          : `data location ${join(first(c.data_location).arn)}`;
    return [`${join(c.principal)}: ${join(c.permissions)} on ${target}`];
  },
  aws_s3_bucket_public_access_block: (r) => [
    ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets']
      .map((k) => `${k}=${String(r.config[k])}`)
      .join(' '),
  ],
  aws_s3_bucket_server_side_encryption_configuration: (r) => {
    const d = first(first(first(r.config.rule).apply_server_side_encryption_by_default));
    return [`sse ${join(d.sse_algorithm)} key ${join(d.kms_master_key_id ?? '(default)')}`];
  },
  aws_vpc_security_group_ingress_rule: (r) => [
    `in ${join(r.config.ip_protocol)} ${join(r.config.from_port)}-${join(r.config.to_port)} from ${join(r.config.cidr_ipv4 ?? r.config.referenced_security_group_id)}`,
  ],
  aws_vpc_security_group_egress_rule: (r) => [
    `out ${join(r.config.ip_protocol)} ${join(r.config.from_port)}-${join(r.config.to_port)} to ${join(r.config.cidr_ipv4 ?? r.config.referenced_security_group_id)}`,
  ],
  aws_lb_listener: (r) => [`${join(r.config.protocol)}:${join(r.config.port)} ssl_policy=${join(r.config.ssl_policy ?? '-')}`],
  google_project_iam_custom_role: (r) => [`role ${join(r.config.role_id)}: ${join(r.config.permissions)}`],
  aws_athena_workgroup: (r) => {
    const enc = first(first(first(r.config.configuration).result_configuration).encryption_configuration);
    return [`results encrypted ${join(enc.encryption_option ?? '-')}`];
  },
};

function memberLine(r: TerraformResource): string[] {
  const c = r.config;
  return [`${join(c.member ?? c.members)} has ${join(c.role)}`];
}

function protection(r: TerraformResource): string[] {
  const lifecycle = first(r.config.lifecycle);
  return lifecycle.prevent_destroy === true ? ['prevent_destroy'] : [];
}

/** `${aws_iam_role.x_ABC123.arn}` → `<lakehouse/glue/access/admin>.arn`: references by construct path, not hash. */
function readableReferences(line: string, stack: StackIndex): string {
  return line.replace(/\$\{((?:data\.)?[a-z0-9_]+\.[A-Za-z0-9_-]+)\.([a-z_]+)\}/g, (whole, address: string, attribute: string) => {
    if (address.startsWith('data.aws_partition.')) return '<partition>';
    if (address.startsWith('data.aws_region.')) return '<region>';
    if (address.startsWith('data.aws_caller_identity.')) return '<account>';
    const target = stack.get(address);
    return target ? `<${target.path.replace(`${stack.stackName}/`, '')}>.${attribute}` : whole;
  });
}

/** The digest of one stack: sorted by construct path, two-space indented attribute lines. */
export function stackDigest(json: TerraformJson, stackName: string): string {
  const stack = new StackIndex(json, stackName);
  const resources = stack.resources
    .filter((r) => !r.type.startsWith('data.'))
    .sort((a, b) => compare(a.path, b.path) || compare(a.type, b.type));
  const lines: string[] = [];
  for (const r of resources) {
    lines.push(`${r.path.replace(`${stackName}/`, '')} (${r.type})`);
    const describe =
      DESCRIBE[r.type] ??
      (RESOURCE_POLICY_ATTRIBUTES[r.type]
        ? policy(RESOURCE_POLICY_ATTRIBUTES[r.type]!)
        : /_iam_(member|binding)$/.test(r.type)
          ? memberLine
          : undefined);
    for (const line of [...(describe ? describe(r, stack) : []), ...protection(r)]) lines.push(`  ${readableReferences(line, stack)}`);
  }
  return `${lines.join('\n')}\n`;
}
