import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatProblem } from '../model/problems';
import { checkTableTemplates } from '../model/load-templates';
import { analyzeAccess, formatViolation, reportJson, reportText } from '../policy/access';
import type { TerraformJson } from '../policy/terraform-json';

export const ACCESS_USAGE = 'lakehouse access --stack <cdktf.out/stacks/NAME | cdk.tf.json> [--templates <dir>] [--format text|json]';

interface AccessIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

/**
 * `lakehouse access`: what every principal of a synthesized stack can do to every table, checked
 * against the tier table. Exit 0 when it holds, 1 with one line per violation (on stderr with
 * `--format json`, so stdout stays the report), 2 on usage errors.
 */
export function accessCommand(args: string[], io: AccessIo): number {
  let values: { stack?: string; templates?: string; format?: string };
  try {
    ({ values } = parseArgs({
      args,
      options: { stack: { type: 'string' }, templates: { type: 'string' }, format: { type: 'string' } },
      allowPositionals: false,
      strict: true,
    }));
  } catch (e) {
    return usage(io, e instanceof Error ? e.message : String(e));
  }
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') return usage(io, `--format must be text or json, not '${format}'`);
  if (!values.stack) return usage(io, '--stack is required');
  const file = stackFile(values.stack);
  if (!file) return usage(io, `--stack ${values.stack}: no cdk.tf.json there (give cdktf.out/stacks/<name> or the path of a cdk.tf.json)`);
  let json: TerraformJson;
  try {
    json = JSON.parse(readFileSync(file, 'utf8')) as TerraformJson;
  } catch (e) {
    return usage(io, `--stack ${file}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const templatesDir = values.templates ?? 'table-templates';
  const { templates, problems } = checkTableTemplates(templatesDir);
  if (problems.length > 0) {
    for (const p of problems) io.err(formatProblem(p));
    return usage(io, `--templates ${templatesDir}: the templates are invalid`);
  }
  const stackName = basename(file) === 'cdk.tf.json' ? basename(dirname(file)) : undefined;
  const report = analyzeAccess(json, templates, stackName ? { stackName } : {});
  if (format === 'json') {
    io.out(reportJson(report));
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

function usage(io: AccessIo, message: string): number {
  io.err(`lakehouse access: ${message}`);
  io.err(`Usage: ${ACCESS_USAGE}`);
  return 2;
}
