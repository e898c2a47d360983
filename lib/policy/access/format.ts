/**
 * The two renderings of an access report: JSON (`{"stack", "principals": {id: {tier, tables}}}`,
 * keys sorted, byte-identical for identical input) and text (a table, notes, one line per violation).
 */
import { byCodePoint, tableAccess, type AccessReport, type Violation } from './model';

export function reportJson(report: AccessReport): string {
  const principals: Record<string, unknown> = {};
  for (const p of report.principals) {
    const tables: Record<string, unknown> = {};
    for (const t of sortedTables(report)) {
      const a = tableAccess(p.evidence.get(t.key) ?? [], t);
      tables[t.key] = { alter: a.alter, delete: a.delete, read: a.read, write: a.write };
    }
    principals[p.id] = { tables, tier: p.tier ?? 'other' };
  }
  return JSON.stringify(sortKeys({ principals, stack: report.stack }), null, 2);
}

function sortedTables(report: AccessReport) {
  return [...report.tables].sort((a, b) => byCodePoint(a.key, b.key));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => byCodePoint(a, b));
  return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
}

/** One line of an accepted limitation, in the violation's format with its own prefix. */
export function formatAccepted(v: Violation): string {
  return `accepted limitation: ${formatViolation(v).slice('violation: '.length)}`;
}

/** One line: principal, tier, table, what it can do, and through which resources. */
export function formatViolation(v: Violation): string {
  const who = v.principal
    ? `${v.principal} [${v.tier ?? 'other'}]${v.table ? ` ${v.table}` : ''}`
    : v.kind === 'unknown'
      ? 'unknown'
      : 'stack';
  const via = v.via.length > 0 ? ` — via ${v.via.map((x) => `${x.address} (${x.how})`).join('; ')}` : '';
  return `violation: ${who}: ${v.what}${via}`;
}

export function reportText(report: AccessReport): string[] {
  const tables = sortedTables(report);
  const lines = [`Access report for stack ${report.stack}: ${tables.length} tables, ${report.principals.length} principals`, ''];
  const rows: string[][] = [['PRINCIPAL', 'TIER', 'TABLE', 'READ', 'WRITE', 'ALTER', 'DELETE']];
  for (const p of report.principals) {
    const tier = p.kind === 'principal' ? (p.tier ?? 'other') : p.kind;
    for (const t of tables) {
      const a = tableAccess(p.evidence.get(t.key) ?? [], t);
      const yes = (b: boolean) => (b ? 'yes' : '-');
      rows.push([p.id, tier, `${t.key}${t.appendOnly ? ' (append-only)' : ''}`, a.read, yes(a.write), yes(a.alter), yes(a.delete)]);
    }
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows) lines.push(r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  '));
  lines.push('', 'Principals:');
  for (const p of report.principals)
    lines.push(`  ${p.id}${p.address ? ` (${p.address})` : ''}: ${p.recognisedBy || 'no tier recognised'}`);
  if (report.notes.length > 0) {
    lines.push('', 'Notes:');
    for (const n of report.notes) lines.push(`  ${n.address}: ${n.message}`);
  }
  if (report.accepted.length > 0) {
    lines.push('', `${report.accepted.length} accepted limitation${report.accepted.length === 1 ? '' : 's'} (see docs/access-model.md):`);
    lines.push(...report.accepted.map(formatAccepted));
  }
  lines.push('');
  if (report.violations.length === 0)
    lines.push(
      report.accepted.length === 0
        ? 'OK: the tier table holds for every principal and table.'
        : 'OK: the tier table holds for every principal and table, apart from the accepted limitations above.',
    );
  else {
    lines.push(`${report.violations.length} violation${report.violations.length === 1 ? '' : 's'}:`);
    lines.push(...report.violations.map(formatViolation));
  }
  return lines;
}
