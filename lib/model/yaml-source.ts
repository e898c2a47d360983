import type { Document, LineCounter, Node } from 'yaml';
import { formatPath, type PathProblem, type Problem } from './problems';

/**
 * The yaml package, loaded on first use rather than with the module: a synthesis whose project is
 * remembered (stacks/project-cache.ts) parses no YAML, and loading the package took 50 ms.
 */
function yaml(): typeof import('yaml') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('yaml') as typeof import('yaml');
}

/** A parsed YAML file that can turn a field path back into a line and column. */
export class YamlSource {
  readonly data: unknown;
  readonly syntaxProblems: Problem[] = [];
  private readonly doc: Document;
  private readonly lines: LineCounter = new (yaml().LineCounter)();

  constructor(
    readonly file: string,
    text: string,
  ) {
    this.doc = yaml().parseDocument(text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true });
    // The parser's later errors are almost always knock-ons of the first (one unquoted bracket
    // gave 45): report the first, with a hint when the cause is a common one.
    const [err] = this.doc.errors;
    if (err) {
      const pos = this.lines.linePos(err.pos[0]);
      const more = this.doc.errors.length > 1 ? '; fix it and run again: the errors after it may follow from it' : '';
      this.syntaxProblems.push({
        file,
        line: pos.line,
        column: pos.col,
        field: '',
        message: `YAML syntax error: ${err.message.split('\n')[0]}${syntaxHint(err.code, err.message)}${more}`,
      });
    }
    this.data = this.syntaxProblems.length === 0 ? this.doc.toJS() : undefined;
  }

  /** Locates a problem: the deepest existing node on its path (the key for unknown keys). */
  locate(problem: PathProblem): Problem {
    const { isMap, isScalar, isSeq } = yaml();
    let node: unknown = this.doc.contents;
    let keyNode: unknown;
    for (const seg of problem.path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
        if (!pair) break;
        keyNode = pair.key;
        node = pair.value;
      } else if (isSeq(node) && typeof seg === 'number' && seg < node.items.length) {
        keyNode = undefined;
        node = node.items[seg];
      } else {
        break;
      }
    }
    const target = (problem.atKey && keyNode ? keyNode : node) as Node | null | undefined;
    const offset = target?.range?.[0];
    const pos = offset === undefined ? { line: 1, col: 1 } : this.lines.linePos(offset);
    return {
      file: this.file,
      line: pos.line,
      column: pos.col,
      field: formatPath(problem.path),
      message: problem.message,
      ...(problem.severity === 'warning' ? { severity: problem.severity } : {}),
    };
  }
}

/** What usually causes a YAML error in these files, and the fix. */
function syntaxHint(code: string, message: string): string {
  if (/flow-seq-start|flow-map-start|Flow (map|sequence)/.test(message)) {
    return ' (a value with [ ], { } or a comma inside { } must be quoted, e.g. transform: "bucket[16]")';
  }
  if (code === 'BLOCK_AS_IMPLICIT_KEY') return ' (a value containing ": " must be quoted)';
  return '';
}
