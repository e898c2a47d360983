import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { checkTableTemplates } from '../model/load-templates';
import { analyzeAccess, formatAccepted, formatViolation, reportJson, reportText } from '../policy/access';
import type { TerraformJson } from '../policy/terraform-json';
import { UsageError, type CliCommand, type CommandIo } from './command';
import { requireFolder } from './folders';
import { printProblems } from './problem-output';

export interface AccessOptions {
  /** `cdktf.out/stacks/<name>` or the path of a `cdk.tf.json`. */
  readonly stack: string;
  /** @default 'table-templates' */
  readonly templates?: string;
  /** @default 'text' */
  readonly format?: 'text' | 'json';
}

/**
 * `lakehouse access`: what every principal of a synthesized stack can do to every table, checked
 * against the tier table. Exit 0 when it holds, 1 with one line per violation (on stderr with
 * `--format json`, so stdout stays the report) or invalid templates, 2 on usage errors.
 */
export function accessCommand(options: AccessOptions, io: CommandIo): number {
  const file = stackFile(options.stack);
  if (!file)
    throw new UsageError(`--stack '${options.stack}': no cdk.tf.json there (give cdktf.out/stacks/<name> or the path of a cdk.tf.json)`);
  let json: TerraformJson;
  try {
    json = JSON.parse(readFileSync(file, 'utf8')) as TerraformJson;
  } catch (e) {
    throw new UsageError(`--stack '${file}': not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const templatesDir = options.templates ?? 'table-templates';
  requireFolder('--templates', templatesDir);
  const { templates, problems } = checkTableTemplates(templatesDir);
  if (printProblems(problems, io, 'no access report was made.') > 0) return 1;
  const stackName = basename(file) === 'cdk.tf.json' ? basename(dirname(file)) : undefined;
  const report = analyzeAccess(json, templates, stackName ? { stackName } : {});
  if (options.format === 'json') {
    io.out(reportJson(report));
    report.accepted.forEach((v) => io.err(formatAccepted(v)));
    report.violations.forEach((v) => io.err(formatViolation(v)));
  } else {
    reportText(report).forEach((line) => io.out(line));
  }
  return report.violations.length > 0 ? 1 : 0;
}

/** The cdk.tf.json a `--stack` value names: the file itself or a stack folder holding one. */
function stackFile(path: string): string | undefined {
  if (!existsSync(path)) return undefined;
  if (statSync(path).isFile()) return path;
  const inside = join(path, 'cdk.tf.json');
  return existsSync(inside) ? inside : undefined;
}

export const ACCESS: CliCommand = {
  name: 'access',
  summary: 'Report what every principal of a synthesized stack can do to every table, and any breach of the tier table.',
  options: {
    stack: {
      type: 'string',
      value: '<dir|cdk.tf.json>',
      required: true,
      description: 'cdktf.out/stacks/<name>, or the path of a cdk.tf.json',
    },
    templates: { type: 'string', value: '<dir>', default: 'table-templates', description: 'Table templates of the stack' },
    format: { type: 'string', value: '<text|json>', default: 'text', choices: ['text', 'json'], description: 'Output format' },
  },
  details: [
    'Follows every path in the synthesized JSON: IAM policies and trust (assume-role chains), Lake Formation',
    'grants and settings, bucket policies, GCS and BigQuery IAM, policy tags and data policies (docs/access-model.md).',
    '--format json prints {"stack", "principals"} on stdout, accepted limitations and violations on stderr.',
    '',
    'Exit codes: 0 the tier table holds, 1 a violation (one line each: principal, table, what, through which',
    'resource) or invalid templates, 2 usage error, 3 internal error (a bug; please report it).',
  ].join('\n'),
  run: (values, io) =>
    accessCommand(
      {
        stack: String(values.stack),
        templates: values.templates as string | undefined,
        format: values.format as 'text' | 'json' | undefined,
      },
      io,
    ),
};
