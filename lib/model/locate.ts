import { existsSync, readFileSync } from 'node:fs';
import { formatPath, sortProblems, type Problem, type SourcedProblem } from './problems';
import { YamlSource } from './yaml-source';

/**
 * Locates problems in the files they name: line and column from the YAML when the file exists,
 * line 0 otherwise (inputs written in code have no lines). Each file is parsed once.
 */
export function locateProblems(problems: readonly SourcedProblem[]): Problem[] {
  const sources = new Map<string, YamlSource | undefined>();
  const sourceOf = (file: string): YamlSource | undefined => {
    if (!sources.has(file)) sources.set(file, existsSync(file) ? new YamlSource(file, readFileSync(file, 'utf8')) : undefined);
    return sources.get(file);
  };
  return sortProblems(
    problems.map(
      (p) =>
        sourceOf(p.file)?.locate(p) ?? {
          file: p.file,
          line: 0,
          column: 0,
          field: formatPath(p.path),
          message: p.message,
          ...(p.severity === 'warning' ? { severity: p.severity } : {}),
        },
    ),
  );
}
