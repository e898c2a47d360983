import type { CliCommand, CommandIo } from './command';
import { githubAnnotation, problemLine, printProblems, uniqueProblems, type ReportedProblem } from './problem-output';
import { requireFolder } from './folders';
import { diffTemplates, type DiffClass, type TemplateChange } from './template-diff';
import { loadBaseSide, loadFolderSide } from './template-sources';

export type DiffFormat = 'text' | 'json' | 'github';

export interface DiffOptions {
  /** A folder of templates, or a git ref (branch, tag, commit) of the repository holding `templates`. */
  readonly base: string;
  /** @default 'table-templates' */
  readonly templates?: string;
  /** @default 'text' */
  readonly format?: DiffFormat;
  /** Exit 0 even with breaking changes. @default false */
  readonly allowBreaking?: boolean;
}

/** Version of the `--format json` document; bumped only when a field changes meaning or is removed. */
export const DIFF_JSON_VERSION = 1;

const CLASSES: readonly DiffClass[] = ['safe', 'breaking', 'access'];

const byLocation = (a: TemplateChange, b: TemplateChange): number =>
  (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column;

/**
 * `lakehouse diff`: compares the templates at `base` with the working ones. Exit 0 when nothing
 * is breaking (or `allowBreaking`), 1 when something is or a template is invalid; usage errors
 * (unknown ref, missing folder) throw `UsageError` (exit 2).
 */
export function diffCommand(options: DiffOptions, io: CommandIo): number {
  const templates = options.templates ?? 'table-templates';
  const format = options.format ?? 'text';
  requireFolder('--templates', templates);
  const base = loadBaseSide(options.base, templates);
  const working = loadFolderSide(templates);
  for (const note of [...base.notes, ...working.notes]) io.err(note);
  const problems: ReportedProblem[] = uniqueProblems([...base.problems, ...working.problems]);
  if (problems.some((p) => p.severity !== 'warning')) return printInvalid(problems, options, format, io);
  // A stable sort: changes at one location keep the order the comparison found them in.
  const changes = diffTemplates(base, working).sort(byLocation);
  const breaking = changes.some((c) => c.class === 'breaking');
  const code = breaking && !options.allowBreaking ? 1 : 0;
  if (format === 'json') io.out(JSON.stringify(diffJson(options, templates, changes, problems, code), null, 2));
  else {
    for (const p of problems) io.err(format === 'github' ? githubAnnotation('warning', p, `${p.field}: ${p.message}`) : problemLine(p));
    for (const c of changes) io.out(format === 'github' ? annotation(c) : changeLine(c));
    io.out(summary(changes, options, templates, code));
  }
  return code;
}

/** `<file>:<line>:<col>: <safe|breaking|access>: <field path>: <message>`. */
export function changeLine(c: TemplateChange): string {
  return `${c.file}:${c.line}:${c.column}: ${c.class}: ${c.field === '' ? '(document)' : c.field}: ${c.message}`;
}

const LEVEL = { breaking: 'error', access: 'warning', safe: 'notice' } as const;

function annotation(c: TemplateChange): string {
  const title = `${c.class} change to ${c.table}${c.path === '' ? '' : ` (${c.path})`}`;
  return githubAnnotation(LEVEL[c.class], c, `${c.field === '' ? '(document)' : c.field}: ${c.message}`, title);
}

function counts(changes: readonly TemplateChange[]): Record<DiffClass, number> {
  return Object.fromEntries(CLASSES.map((k) => [k, changes.filter((c) => c.class === k).length])) as Record<DiffClass, number>;
}

function summary(changes: readonly TemplateChange[], options: DiffOptions, templates: string, code: number): string {
  if (changes.length === 0) return `No changes between ${options.base} and ${templates}.`;
  const n = counts(changes);
  const head = `${changes.length} change${changes.length === 1 ? '' : 's'} between ${options.base} and ${templates}: ${n.safe} safe, ${n.breaking} breaking, ${n.access} access`;
  if (n.breaking === 0) return `${head}.`;
  return code === 0
    ? `${head}; breaking changes allowed by --allow-breaking.`
    : `${head}; breaking changes fail this check (see docs/schema-changes.md; --allow-breaking for a deliberate migration).`;
}

function printInvalid(problems: readonly ReportedProblem[], options: DiffOptions, format: DiffFormat, io: CommandIo): number {
  if (format === 'json') {
    io.out(JSON.stringify(diffJson(options, options.templates ?? 'table-templates', [], problems, 1), null, 2));
  } else if (format === 'github') {
    for (const p of problems) io.out(githubAnnotation(p.severity === 'warning' ? 'warning' : 'error', p, `${p.field}: ${p.message}`));
    io.out(`Invalid templates: nothing was compared.`);
  } else {
    printProblems(problems, io, 'nothing was compared.');
  }
  return 1;
}

/** The `--format json` document (docs/schema-changes.md). Keys always in this order. */
export function diffJson(
  options: DiffOptions,
  templates: string,
  changes: readonly TemplateChange[],
  problems: readonly ReportedProblem[],
  exitCode: number,
): object {
  const invalid = problems.some((p) => p.severity !== 'warning');
  return {
    version: DIFF_JSON_VERSION,
    base: options.base,
    templates,
    result: invalid ? 'invalid' : changes.some((c) => c.class === 'breaking') ? 'breaking' : 'ok',
    exitCode,
    counts: counts(changes),
    changes: changes.map((c) => ({
      class: c.class,
      kind: c.kind,
      table: c.table,
      file: c.file,
      line: c.line,
      column: c.column,
      field: c.field,
      path: c.path,
      message: c.message,
      ...(c.from === undefined ? {} : { from: c.from }),
      ...(c.to === undefined ? {} : { to: c.to }),
    })),
    problems: problems.map((p) => ({
      severity: p.severity ?? 'error',
      file: p.file,
      line: p.line,
      column: p.column,
      field: p.field,
      message: p.message,
    })),
  };
}

export const DIFF: CliCommand = {
  name: 'diff',
  summary: 'Compare the table templates with a base (a git ref or a folder); classify each change as safe, breaking or access.',
  options: {
    base: {
      type: 'string',
      value: '<git-ref|dir>',
      required: true,
      description: 'A branch, tag or commit (read with git, no checkout), or a folder of templates',
    },
    templates: { type: 'string', value: '<dir>', default: 'table-templates', description: 'The working templates' },
    format: {
      type: 'string',
      value: '<text|json|github>',
      default: 'text',
      choices: ['text', 'json', 'github'],
      description: 'Output format',
    },
    'allow-breaking': {
      type: 'boolean',
      description: 'Exit 0 even when a change is breaking (a deliberate migration); everything is still printed',
    },
  },
  details: [
    'Classes: safe (Iceberg applies it in place), breaking (a reader, writer or the table itself breaks), access (who sees what changes:',
    'access_level, pii, masking, append_only; never safe, always reported). The rules and the json shape: docs/schema-changes.md.',
    'text: <file>:<line>:<col>: <safe|breaking|access>: <field path>: <message>. github: workflow annotations',
    '(::error for breaking, ::warning for access, ::notice for safe). json: one document on standard output.',
    '',
    'Exit codes: 0 nothing breaking (or --allow-breaking), 1 something breaking or a template invalid on either side,',
    '2 usage error (unknown git ref, not a git repository, missing folder), 3 internal error (a bug; please report it).',
  ].join('\n'),
  run: (v, io) =>
    diffCommand(
      { base: String(v.base), templates: String(v.templates), format: v.format as DiffFormat, allowBreaking: v['allow-breaking'] === true },
      io,
    ),
};
