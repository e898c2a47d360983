import { formatProblem } from '../model/problems';
import { checkProject } from '../project';

export interface CommandIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

/** `lakehouse validate`: exit 0 when valid, 1 with one line per problem. */
export function validateCommand(templatesDir: string, environmentsPath: string, io: CommandIo): number {
  const { templates, environments, problems } = checkProject(templatesDir, environmentsPath);
  if (problems.length > 0) {
    for (const p of problems) io.err(formatProblem(p));
    io.err(`${problems.length} problem${problems.length === 1 ? '' : 's'} found; nothing was synthesized.`);
    return 1;
  }
  io.out(`OK: ${templates.length} table templates in ${templatesDir}, ${environments.length} environments in ${environmentsPath}`);
  return 0;
}
