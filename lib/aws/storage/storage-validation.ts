import { Token } from 'cdktf';

/**
 * Prop checks shared by the storage constructs. Each returns problem texts that start with the
 * prop name; `throwIfProblems` collects them into one error naming the construct and where the
 * values came from (usually the environment file).
 */

/** Throws once with every problem, or returns when there are none. */
export function throwIfProblems(construct: string, origin: string | undefined, problems: readonly string[]): void {
  if (problems.length === 0) return;
  const where = origin ? ` (${origin})` : '';
  throw new Error(`Invalid ${construct} props${where}:\n  - ${problems.join('\n  - ')}`);
}

/** An integer within [min, max]; unresolved tokens are left to Terraform. */
export function integerProblems(prop: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): string[] {
  if (Token.isUnresolved(value)) return [];
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer from ${min} to ${max}`;
    return [`${prop} is ${value}; it must be ${range}`];
  }
  return [];
}

/** Prefixes each naming rule a value breaks with the prop and the value; tokens are skipped. */
export function nameProblems(prop: string, value: string, rules: (v: string) => string[], hint = ''): string[] {
  if (Token.isUnresolved(value)) return [];
  return rules(value).map((rule) => `${prop} '${value}' ${rule}${hint ? ` (${hint})` : ''}`);
}
