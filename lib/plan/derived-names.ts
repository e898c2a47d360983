import type { PathSegment, SourcedProblem } from '../model/problems';
import type { LakehousePlan } from './lakehouse-plan';

/** Reports a derived name a cloud rejects, at the environment key that produced it. */
export type DerivedNameCheck = (path: readonly PathSegment[], kind: string, value: string, problems: readonly string[]) => void;

/**
 * The shared part of each cloud's derived-name rules: problems located at the key that produced
 * the name (`storage.bucket_name` when set, else `project`), one wording for every cloud. `rules`
 * receives the check and where the lakehouse bucket's name comes from.
 */
export function derivedNameProblems(
  plan: LakehousePlan,
  rules: (check: DerivedNameCheck, bucketPath: readonly PathSegment[]) => void,
): SourcedProblem[] {
  const env = plan.environment;
  const out: SourcedProblem[] = [];
  const check: DerivedNameCheck = (path, kind, value, problems) => {
    if (problems.length > 0)
      out.push({ file: env.file, path, message: `derived ${kind} '${value}' ${problems.join('; ')}; shorten project or name` });
  };
  rules(check, env.storage.bucketName === `${plan.prefix}-lakehouse` ? ['project'] : ['storage', 'bucket_name']);
  return out;
}
