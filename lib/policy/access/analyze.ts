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
  notes.push(...tableNotes);
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
  const violations = [...aws.violations, ...gcp.violations, ...tierViolations(principals, tables), ...unknowns].sort(compareViolations);
  return { stack: stackName, tables, principals, violations, notes: uniqueNotes.filter((n) => !n.unknown) };
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
