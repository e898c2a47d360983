import { compare } from './compare';

/** A problem found in an input file, located as precisely as the source allows. */
export interface Problem {
  readonly file: string;
  /** 1-based; 0 when the problem is about the file as a whole. */
  readonly line: number;
  /** 1-based; 0 when unknown. */
  readonly column: number;
  /** Field path such as `columns[3].type`, or '' for the whole document. */
  readonly field: string;
  readonly message: string;
  /** A warning is reported (prefixed `warning: `) but does not make the input invalid. @default 'error' */
  readonly severity?: ProblemSeverity;
}

export type ProblemSeverity = 'error' | 'warning';

/** Problems that make the input invalid (everything but warnings). */
export function errorsOf<T extends { readonly severity?: ProblemSeverity }>(problems: readonly T[]): T[] {
  return problems.filter((p) => p.severity !== 'warning');
}

/** Warnings only. */
export function warningsOf<T extends { readonly severity?: ProblemSeverity }>(problems: readonly T[]): T[] {
  return problems.filter((p) => p.severity === 'warning');
}

/** Thrown by the loaders with every problem found in every file, so one run reports them all. */
export class LakehouseValidationError extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(`${problems.length} problem${problems.length === 1 ? '' : 's'} in lakehouse input:\n` + problems.map(formatProblem).join('\n'));
    this.name = 'LakehouseValidationError';
  }
}

/** `<file>:<line>:<col>: <field path>: <message>`, the format `lakehouse validate` prints (warnings add `warning: ` in front). */
export function formatProblem(p: Problem): string {
  const field = p.field === '' ? '(document)' : p.field;
  return `${p.file}:${p.line}:${p.column}: ${field}: ${p.message}`;
}

export type PathSegment = string | number;

/** `['columns', 3, 'type']` → `columns[3].type`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** A problem before it is located in a file. */
export interface PathProblem {
  readonly path: readonly PathSegment[];
  readonly message: string;
  /** Point at the key itself instead of its value (unknown keys). */
  readonly atKey?: boolean;
  /** @default 'error' */
  readonly severity?: ProblemSeverity;
}

export function sortProblems(problems: Problem[]): Problem[] {
  return problems.sort((a, b) => compare(a.file, b.file) || a.line - b.line || a.column - b.column || compare(a.field, b.field));
}

/** A problem about one input (a template or environment file, or an input given in code), before it is located. */
export interface SourcedProblem extends PathProblem {
  /** The file (or the name of an input written in code) the path is in. */
  readonly file: string;
}

/** `<file>: <field path>: <message>`: a problem without a line, for inputs written in code. */
export function formatUnlocated(p: SourcedProblem): string {
  const field = formatPath(p.path);
  return `${p.file}: ${field === '' ? '(document)' : field}: ${p.message}`;
}
