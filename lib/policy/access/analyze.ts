/**
 * The access report of one synthesized stack: locate the templates' tables, compute what every
 * principal can do to each through every path in the JSON, and check the tier table. Pure: JSON and
 * templates in, report out; the same input gives the same report.
 */
import type { LoadedTableTemplate } from '../../model';
import { StackIndex, type TerraformJson } from '../terraform-json';
import { analyzeAws, type CloudAnalysis } from './aws-access';
import { Canonicalizer } from './canonical';
import { analyzeGcp } from './gcp-access';
import { byCodePoint, type AccessReport, type Note, type Violation } from './model';
import { locateTables } from './tables';
import { tierViolations } from './tier-rules';

export interface AnalyzeOptions {
  /** @default - `//.metadata.stackName` of the JSON, else 'stack' */
  readonly stackName?: string;
}

export function analyzeAccess(json: TerraformJson, templates: readonly LoadedTableTemplate[], options: AnalyzeOptions = {}): AccessReport {
  const meta = (json['//'] as { metadata?: { stackName?: unknown } } | undefined)?.metadata?.stackName;
  const stackName = options.stackName ?? (typeof meta === 'string' ? meta : 'stack');
  const stack = new StackIndex(json, stackName);
  const c = new Canonicalizer(stack);
  const notes: Note[] = [];
  const { tables, notes: tableNotes } = locateTables(templates, stack, c);
  notes.push(...tableNotes, ...unsupported(stack));
  const empty: CloudAnalysis = { principals: [], violations: [] };
  const types = stack.resources.map((r) => r.type);
  const aws = types.some((t) => t.startsWith('aws_')) ? analyzeAws(stack, c, tables, notes) : empty;
  const gcp = types.some((t) => t.startsWith('google_')) ? analyzeGcp(stack, c, tables, notes) : empty;
  const principals = [...aws.principals, ...gcp.principals].sort((a, b) => byCodePoint(a.id, b.id));
  const uniqueNotes = [...new Map(notes.map((n) => [`${n.address}\u0000${n.message}`, n])).values()].sort(
    (a, b) => byCodePoint(a.address, b.address) || byCodePoint(a.message, b.message),
  );
  const unknowns: Violation[] = uniqueNotes
    .filter((n) => n.unknown)
    .map((n) => ({ kind: 'unknown', what: n.message, via: [{ address: n.address, how: 'cannot be evaluated' }] }));
  const found = [...aws.violations, ...gcp.violations, ...tierViolations(principals, tables), ...unknowns].sort(compareViolations);
  const violations = found.filter((v) => v.kind !== 'accepted-limitation');
  const accepted = found.filter((v) => v.kind === 'accepted-limitation');
  return { stack: stackName, tables, principals, violations, accepted, notes: uniqueNotes.filter((n) => !n.unknown) };
}

/** Resources that can grant table access along paths the report does not follow. */
const NOT_EVALUATED: Readonly<Record<string, string>> = {
  aws_s3_access_point: 'S3 access points are not evaluated: access through them is unknown',
  aws_s3control_access_point_policy: 'S3 access point policies are not evaluated: access through them is unknown',
  aws_s3control_multi_region_access_point_policy: 'multi-region access point policies are not evaluated',
  aws_s3_bucket_acl: 'bucket ACLs are not evaluated (the lakehouse buckets enforce bucket-owner ownership, which disables them)',
  aws_lakeformation_data_cells_filter: 'data cell filters are not evaluated',
  google_storage_managed_folder_iam_member: 'managed folder IAM is not evaluated: object access through it is unknown',
  google_storage_managed_folder_iam_binding: 'managed folder IAM is not evaluated: object access through it is unknown',
  google_storage_managed_folder_iam_policy: 'managed folder IAM is not evaluated: object access through it is unknown',
  google_storage_bucket_access_control: 'bucket ACLs are not evaluated (uniform bucket-level access disables them)',
  google_storage_default_object_access_control: 'default object ACLs are not evaluated (uniform bucket-level access disables them)',
  google_storage_object_access_control: 'object ACLs are not evaluated (uniform bucket-level access disables them)',
};

function unsupported(stack: StackIndex): Note[] {
  return Object.entries(NOT_EVALUATED).flatMap(([type, message]) =>
    stack.ofType(type).map((r) => ({ address: r.address, message, unknown: true })),
  );
}

function compareViolations(a: Violation, b: Violation): number {
  return (
    byCodePoint(a.principal ?? '', b.principal ?? '') ||
    byCodePoint(a.table ?? '', b.table ?? '') ||
    byCodePoint(a.kind, b.kind) ||
    byCodePoint(a.what, b.what) ||
    byCodePoint(a.via[0]?.address ?? '', b.via[0]?.address ?? '')
  );
}
