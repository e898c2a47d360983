import { checkProject } from '../project';
import type { CliCommand, CommandIo } from './command';
import { requireFolder, requirePath } from './folders';
import { printProblems } from './problem-output';

export type { CommandIo } from './command';

/**
 * `lakehouse validate`: exit 0 when valid (warnings printed, prefixed `warning:`), 1 with one line
 * per problem; a missing folder throws `UsageError` (exit 2).
 */
export function validateCommand(templatesDir: string, environmentsPath: string, io: CommandIo): number {
  requireFolder('--templates', templatesDir);
  requirePath('--environments', environmentsPath, 'a folder of environment files or one file');
  const { templates, environments, problems } = checkProject(templatesDir, environmentsPath);
  if (printProblems(problems, io, 'nothing was synthesized.') > 0) return 1;
  io.out(`OK: ${templates.length} table templates in ${templatesDir}, ${environments.length} environments in ${environmentsPath}`);
  return 0;
}

export const VALIDATE: CliCommand = {
  name: 'validate',
  summary: 'Check the table templates and environment files: every problem in every file, with its line.',
  options: {
    templates: { type: 'string', value: '<dir>', default: 'table-templates', description: 'Folder of table templates (*.yaml)' },
    environments: {
      type: 'string',
      value: '<dir|file>',
      default: 'environments',
      description: 'Folder of environment files, or one environment file',
    },
  },
  details: [
    'Problems: <file>:<line>:<col>: <field path>: <message>, one line each, on standard error; warnings start with "warning: ".',
    '',
    'Exit codes: 0 valid (warnings do not fail), 1 invalid input, 2 usage error (unknown option, missing folder),',
    '3 internal error (a bug; please report it).',
  ].join('\n'),
  run: (v, io) => validateCommand(String(v.templates), String(v.environments), io),
};
