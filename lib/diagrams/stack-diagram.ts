/**
 * A Mermaid picture of a synthesized stack, drawn from its Terraform JSON so it never drifts from
 * the code: resources grouped by construct (one box per component, with what it holds), and the
 * references between components that matter to a reader (data, encryption, identities, network,
 * audit). Pure: Terraform JSON in, Mermaid text out.
 */
import { compare } from '../model/compare';
import { StackIndex, type TerraformJson, type TerraformResource } from '../policy/terraform-json';

/** What a reference to a resource of this type means, as an edge label. */
const EDGE_KINDS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^(aws_kms_key|aws_kms_alias|google_kms_crypto_key)$/, 'encrypts'],
  [/^(aws_s3_bucket|google_storage_bucket)$/, 'stores in'],
  [/^(aws_iam_role|aws_iam_policy|google_service_account)$/, 'identity'],
  [/^(aws_glue_catalog_database|aws_glue_catalog_table|google_bigquery_dataset|google_bigquery_table|aws_lambda_invocation)$/, 'tables'],
  [/^(aws_lakeformation_resource)$/, 'data location'],
  [/^(aws_cloudwatch_log_group|aws_cloudtrail|google_logging_project_sink)$/, 'audit/logs'],
  [/^(aws_vpc|aws_subnet|aws_security_group|aws_lb|aws_lb_target_group|aws_lb_listener)$/, 'network'],
  [/^(aws_dynamodb_table)$/, 'version store'],
  [/^(aws_secretsmanager_secret|aws_cognito_user_pool|aws_cognito_user_pool_client)$/, 'credentials'],
  [/^(aws_ecs_service|aws_ecs_cluster|aws_lambda_function)$/, 'runs'],
  [/^(google_bigquery_connection)$/, 'connection'],
  [/^(google_data_catalog_policy_tag|google_data_catalog_taxonomy|google_bigquery_datapolicy_data_policy)$/, 'column security'],
];

/** Components whose children are the boxes (the catalogs are large); elsewhere the component is the box. */
const EXPANDED = new Set(['glue', 'nessie']);
/** Many siblings of one kind become one box (`table-core-orders`, `grant-writer-etl`, ...). */
const REPEATED = /^(table|grant|dataset|policy)-/;

function boxOf(r: TerraformResource, stackName: string): string {
  const parts = r.path.split('/').slice(1); // drop the stack
  const [top, second, third] = parts;
  if (top !== 'lakehouse' || second === undefined) return parts.slice(0, 1).join('/') || 'stack';
  const level = EXPANDED.has(second) && third !== undefined ? [second, third] : [second];
  const last = level[level.length - 1]!;
  if (REPEATED.test(last)) level[level.length - 1] = `${last.split('-')[0]}s`;
  return level.join('/') || stackName;
}

function edgeKind(type: string): string | undefined {
  return EDGE_KINDS.find(([re]) => re.test(type))?.[1];
}

const id = (box: string): string => box.replace(/[^A-Za-z0-9]/g, '_');

/** `<n> <short type>` summaries of a box, most numerous first. */
function contents(resources: readonly TerraformResource[]): string {
  const counts = new Map<string, number>();
  for (const r of resources) {
    const short = r.type.replace(/^(aws|google)_/, '').replace(/_/g, ' ');
    counts.set(short, (counts.get(short) ?? 0) + 1);
  }
  const top = [...counts].sort((a, b) => b[1] - a[1] || compare(a[0], b[0]));
  const shown = top.slice(0, 3).map(([t, n]) => `${n} ${t}`);
  return top.length > 3 ? `${shown.join(', ')}, +${top.length - 3} more` : shown.join(', ');
}

/** The Mermaid flowchart of one stack. */
export function stackDiagram(json: TerraformJson, stackName: string): string {
  const stack = new StackIndex(json, stackName);
  const resources = stack.resources.filter((r) => !r.type.startsWith('data.'));
  const boxes = new Map<string, TerraformResource[]>();
  for (const r of resources) boxes.set(boxOf(r, stackName), [...(boxes.get(boxOf(r, stackName)) ?? []), r]);
  const edges = new Map<string, Set<string>>();
  for (const r of resources) {
    for (const address of stack.referencesIn(r.config)) {
      const target = stack.get(address);
      const kind = target && edgeKind(target.type);
      if (!target || !kind || target.type.startsWith('data.')) continue;
      const from = boxOf(r, stackName);
      const to = boxOf(target, stackName);
      if (from !== to) edges.set(`${from}\u0000${to}`, (edges.get(`${from}\u0000${to}`) ?? new Set()).add(kind));
    }
  }
  const lines = ['flowchart LR'];
  for (const box of [...boxes.keys()].sort(compare)) lines.push(`  ${id(box)}["${box}<br/>${contents(boxes.get(box)!)}"]`);
  for (const key of [...edges.keys()].sort(compare)) {
    const [from, to] = key.split('\u0000') as [string, string];
    lines.push(`  ${id(from)} -->|${[...edges.get(key)!].sort(compare).join(', ')}| ${id(to)}`);
  }
  return `${lines.join('\n')}\n`;
}
