import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { EnvironmentConfig } from '../model/environment';
import type { LoadedTableTemplate } from '../model/table-template';
import { checkProject } from '../project';
import { missingPackage } from '../stack/missing-package';
import type { CliCommand, CommandIo } from './command';
import { requireFolder, requirePath } from './folders';
import { printProblems, type ReportedProblem } from './problem-output';

export type { CommandIo } from './command';

/**
 * `lakehouse validate`: exit 0 when valid (warnings printed, prefixed `warning:`), 1 with one line
 * per problem; a missing folder throws `UsageError` (exit 2). Input the model and cloud rules
 * accept is then built as `cdktf synth` builds it, and every check synthesis runs is run, so
 * validate fails exactly when synthesis would.
 */
export function validateCommand(templatesDir: string, environmentsPath: string, io: CommandIo): number {
  requireFolder('--templates', templatesDir);
  requirePath('--environments', environmentsPath, 'a folder of environment files or one file');
  const { templates, environments, problems } = checkProject(templatesDir, environmentsPath);
  const all: ReportedProblem[] = problems.length > 0 ? problems : synthesisChecks(environments, templates);
  if (printProblems(all, io, 'nothing was synthesized.') > 0) return 1;
  io.out(`OK: ${templates.length} table templates in ${templatesDir}, ${environments.length} environments in ${environmentsPath}`);
  return 0;
}

/**
 * The construct and policy-pack checks of synthesis. cdktf and both providers are loaded only
 * here, once the model passed, so a broken template is reported without paying for them. Without
 * the peer packages synthesis cannot run at all; that is a warning, not a failed validation.
 */
function synthesisChecks(environments: readonly EnvironmentConfig[], templates: readonly LoadedTableTemplate[]): ReportedProblem[] {
  if (environments.length === 0) return [];
  let check: SynthesisCheckModule;
  try {
    check = loadSynthesisCheck();
  } catch (e) {
    const missing = missingPackage(e);
    if (missing === undefined) throw e;
    const message = `synthesis checks skipped: '${missing}' is not installed (install the peer dependencies cdktf, constructs and your cloud's provider to synthesize)`;
    return [{ file: environments[0]!.file, line: 1, column: 1, field: '', message, severity: 'warning' }];
  }
  return check.synthesisProblems(environments, templates);
}

type SynthesisCheckModule = typeof import('../stack/synthesis-check');

/**
 * `require`, not a static import, so cdktf loads only when needed. Compiled (dist/) or under tsx
 * (bin/lakehouse.cjs in a checkout) Node finds the module; a runner that compiles TypeScript
 * itself without a require hook (vitest) gets it through tsx's scoped loader instead.
 */
export function loadSynthesisCheck(): SynthesisCheckModule {
  /* eslint-disable @typescript-eslint/no-require-imports */
  try {
    return require('../stack/synthesis-check') as SynthesisCheckModule;
  } catch (e) {
    const source = join(__dirname, '..', 'stack', 'synthesis-check.ts');
    if ((e as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND' || !existsSync(source)) throw e;
    const tsx = require('tsx/cjs/api') as { require: (id: string, from: string) => unknown };
    return tsx.require(source, __filename) as SynthesisCheckModule;
  }
  /* eslint-enable @typescript-eslint/no-require-imports */
}

export const VALIDATE: CliCommand = {
  name: 'validate',
  summary: 'Check the table templates and environment files, and everything synthesis checks: every problem in every file, with its line.',
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
    'Once the files are valid, each environment is built in memory as `cdktf synth` builds it and the policy pack and',
    'every construct check run (nothing is written): validate fails exactly when synthesis would.',
    '',
    'Exit codes: 0 valid (warnings do not fail), 1 invalid input, 2 usage error (unknown option, missing folder),',
    '3 internal error (a bug; please report it).',
  ].join('\n'),
  run: (v, io) => validateCommand(String(v.templates), String(v.environments), io),
};
