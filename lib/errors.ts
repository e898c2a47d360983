import type { IConstruct } from 'constructs';

/**
 * The one error for bad construct props: which construct (by path), which props and what to
 * change, every problem at once. `stacks/` prints it without a stack trace; code composing the
 * constructs can catch it by type and read `problems`.
 */
export class LakehousePropsError extends Error {
  /** Construct path, e.g. `prod/lakehouse/glue`. */
  readonly constructPath: string;
  /** One line per problem, each naming the prop (or environment key) and what is allowed. */
  readonly problems: readonly string[];

  constructor(scope: IConstruct, construct: string, problems: readonly string[], origin?: string) {
    const where = origin ? ` (${origin})` : '';
    super(`Invalid ${construct} props at ${scope.node.path}${where}:\n  - ${problems.join('\n  - ')}`);
    this.name = 'LakehousePropsError';
    this.constructPath = scope.node.path;
    this.problems = problems;
  }
}

/** Throws one LakehousePropsError listing every problem, or returns when there is none. */
export function throwIfPropsProblems(scope: IConstruct, construct: string, problems: readonly string[], origin?: string): void {
  if (problems.length > 0) throw new LakehousePropsError(scope, construct, problems, origin);
}
