import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, type TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { LakehousePropsError } from '../errors';
import type { Cloud, EnvironmentConfig } from '../model/environment';
import { locateProblems } from '../model/locate';
import { LakehouseValidationError, type Problem, type SourcedProblem } from '../model/problems';
import type { LoadedTableTemplate } from '../model/table-template';
import { policyReportOf } from '../policy/apply-policy-pack';
import { environmentRemedy } from '../policy/environment-remedies';
import { formatFinding } from '../policy/evaluate';
import { STACK_RESOURCE_TYPE, type Finding, type PolicyReport } from '../policy/types';
import { appValidationFailures } from './app-validation';
import { missingPackage } from './missing-package';
import type { LakehouseStack, LakehouseStackProps } from './lakehouse-stack';

export type Severity = 'error' | 'warning';

/** A problem `cdktf synth` would report; only errors make it fail. */
export type SynthesisProblem = Problem & { readonly severity: Severity };

type Sourced = SourcedProblem & { readonly severity: Severity };

/**
 * What synthesis would refuse in input that passed the model and cloud rules (lib/project.ts):
 * each environment's stack is built in memory and every construct validation is run (the policy
 * pack, compliance profiles, cross-construct checks) as `synthesizeLakehouse` does, without
 * writing anything. Errors are exactly what makes synthesis fail; policy warnings come along as
 * warnings. Findings the environment causes are located at the key to change.
 */
export function synthesisProblems(
  environments: readonly EnvironmentConfig[],
  templates: readonly LoadedTableTemplate[],
): SynthesisProblem[] {
  // cdktf's App creates its output folder; nothing is written into it without a synth().
  const outdir = mkdtempSync(join(tmpdir(), 'lakehouse-validate-'));
  try {
    const sourced = environments.flatMap((env) => environmentProblems(env, templates, outdir));
    return locate(sourced);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

function environmentProblems(env: EnvironmentConfig, templates: readonly LoadedTableTemplate[], outdir: string): (Sourced | Problem)[] {
  // One app per environment: a construct that throws leaves a half-built stack whose validations
  // would only add knock-on findings; stacks never refer to each other, so results are the same.
  const app = new App({ outdir, skipValidation: true });
  let stack: TerraformStack;
  let Stack: StackClass;
  try {
    Stack = stackClass(env.cloud);
  } catch (e) {
    const missing = missingPackage(e);
    if (missing === undefined) throw e;
    const message = `synthesis checks skipped: '${missing}' is not installed (install the provider of cloud: ${env.cloud} to synthesize this environment)`;
    return [{ file: env.file, path: [], message, severity: 'warning' }];
  }
  try {
    // As environmentStack (lib/stack/environment-stack.ts) builds it for `cdktf synth`.
    stack = new Stack(app, env.name, { environment: env, templates, isolated: true });
  } catch (e) {
    if (e instanceof LakehouseValidationError) return [...e.problems];
    if (e instanceof LakehousePropsError) {
      return e.problems.map((p) => ({ file: env.file, path: [], message: `${e.constructPath}: ${p}`, severity: 'error' as const }));
    }
    throw e;
  }
  const failures = appValidationFailures(app);
  const report = policyReportOf(stack);
  const fromPolicy = new Set(report?.findings.filter((f) => f.severity === 'error').map((f) => `policy: ${formatFinding(f)}`));
  const others: Sourced[] = failures
    .filter((f) => !fromPolicy.has(f.message))
    .map((f) => ({ file: env.file, path: [], message: `${f.constructPath}: ${f.message}`, severity: 'error' }));
  return [...(report ? policyProblems(env, report) : []), ...others];
}

type StackClass = new (scope: Construct, id: string, props: LakehouseStackProps) => LakehouseStack;

/**
 * The environment's stack class, loaded for its cloud only: an installation with one cloud's
 * provider (the other is an optional peer) validates its environments without the other's.
 */
function stackClass(cloud: Cloud): StackClass {
  /* eslint-disable @typescript-eslint/no-require-imports */
  return cloud === 'aws'
    ? (require('../aws/aws-lakehouse-stack') as typeof import('../aws/aws-lakehouse-stack')).AwsLakehouseStack
    : (require('../gcp/gcp-lakehouse-stack') as typeof import('../gcp/gcp-lakehouse-stack')).GcpLakehouseStack;
  /* eslint-enable @typescript-eslint/no-require-imports */
}

/**
 * One problem per rule and remedy: the same finding on several resources (two buckets without
 * access logs) is one line naming them all.
 */
function policyProblems(env: EnvironmentConfig, report: PolicyReport): Sourced[] {
  const groups = new Map<string, { finding: Finding; paths: string[]; problem: Omit<Sourced, 'message'>; fix: string }>();
  for (const f of report.findings) {
    const remedy = environmentRemedy(f, env);
    const fix = remedy?.fix ?? `${f.fix.replace(/\.$/, '')} (${f.address})`;
    const key = `${f.ruleId}\u0000${f.severity}\u0000${f.message}\u0000${fix}`;
    const group = groups.get(key);
    // A stack-wide finding's construct path is the stack itself: nothing to add.
    const paths = f.resourceType === STACK_RESOURCE_TYPE ? [] : [f.constructPath];
    if (group) group.paths.push(...paths);
    else groups.set(key, { finding: f, paths, problem: { file: env.file, path: remedy?.path ?? [], severity: f.severity }, fix });
  }
  const problems: Sourced[] = [...groups.values()].map(({ finding, paths, problem, fix }) => ({
    ...problem,
    message: `${finding.ruleId}: ${finding.message.replace(/\.$/, '')}${paths.length > 0 ? ` (${paths.join(', ')})` : ''}; ${lowerFirst(fix)}`,
  }));
  for (const u of report.unusedSuppressions) {
    problems.push({ file: env.file, path: ['policy', 'suppressions'], severity: 'warning', message: `unused suppression ${u}` });
  }
  return problems;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** Lines and columns from the files; problems that are already located are errors (a loader's). */
function locate(problems: readonly (Sourced | Problem)[]): SynthesisProblem[] {
  const sourced = problems.filter((p): p is Sourced => 'path' in p);
  const located: SynthesisProblem[] = problems.filter((p): p is Problem => !('path' in p)).map((p) => ({ ...p, severity: 'error' }));
  for (const severity of ['error', 'warning'] as const) {
    located.push(...locateProblems(sourced.filter((p) => p.severity === severity)).map((p) => ({ ...p, severity })));
  }
  return located;
}
