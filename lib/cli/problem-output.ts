import { formatProblem, type Problem } from '../model/problems';
import type { CommandIo } from './command';

/** A problem as checks report it; a warning does not fail the command. */
export type ReportedProblem = Problem & { readonly severity?: 'error' | 'warning' };

export const isWarning = (p: ReportedProblem): boolean => p.severity === 'warning';

/** `<file>:<line>:<col>: <field>: <message>`, prefixed `warning: ` for a warning. */
export function problemLine(p: ReportedProblem): string {
  return isWarning(p) ? `warning: ${formatProblem(p)}` : formatProblem(p);
}

/** The same problem found twice (e.g. by two checks) is one problem. */
export function uniqueProblems(problems: readonly ReportedProblem[]): ReportedProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const line = problemLine(p);
    if (seen.has(line)) return false;
    seen.add(line);
    return true;
  });
}

/**
 * Prints each problem once on standard error, errors as validate's lines and warnings prefixed
 * `warning:`, then one summary line. Returns the number of errors (warnings never fail).
 */
export function printProblems(problems: readonly ReportedProblem[], io: CommandIo, outcome: string): number {
  const unique = uniqueProblems(problems);
  for (const p of unique) io.err(problemLine(p));
  const errors = unique.filter((p) => !isWarning(p)).length;
  const warnings = unique.length - errors;
  const counted = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;
  if (errors > 0) io.err(`${counted(errors, 'problem')} found${warnings > 0 ? ` (and ${counted(warnings, 'warning')})` : ''}; ${outcome}`);
  else if (warnings > 0) io.err(`${counted(warnings, 'warning')}, no problems.`);
  return errors;
}

/** `::error file=...,line=...,col=...::message` (GitHub Actions workflow commands, with their escaping). */
export function githubAnnotation(
  level: 'error' | 'warning' | 'notice',
  where: { readonly file: string; readonly line: number; readonly column: number },
  message: string,
  title?: string,
): string {
  const props = [`file=${escapeProperty(where.file)}`];
  if (where.line > 0) props.push(`line=${where.line}`);
  if (where.column > 0) props.push(`col=${where.column}`);
  if (title) props.push(`title=${escapeProperty(title)}`);
  return `::${level} ${props.join(',')}::${escapeData(message)}`;
}

// Escaping as in @actions/core's command.ts: data escapes % CR LF; properties also ':' and ','.
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
