/**
 * Nessie's CEL authorizer, reproduced for tests from servers/quarkus-authz at nessie-0.108.4:
 * - CompiledAuthorizationRules compiles every rule against CELUtil.AUTHORIZATION_RULE_DECLARATIONS
 *   (`ref`, `path`, `contentType`, `role`: string; `roles`: list of strings; `op`: string), and adds
 *   `op=='VIEW_REFERENCE' && ref.matches('.*')` when no rule's text contains VIEW_REFERENCE;
 * - CelBatchAccessChecker allows a check when ANY rule evaluates to true, passing '' for the
 *   variables a check type does not have (no path on reference checks, no ref on repository checks);
 * - an operation is allowed when every check it triggers is (AbstractBatchAccessChecker adds
 *   VIEW_REFERENCE to every reference and content check).
 * The CEL evaluation itself is @marcbachmann/cel-js.
 */
import { Environment } from '@marcbachmann/cel-js';

export interface NessieCheck {
  readonly op: string;
  readonly ref?: string;
  readonly path?: string;
  readonly contentType?: string;
}

export interface NessieCaller {
  /** Principal name (the principal claim). */
  readonly role: string;
  /** The identity's roles (the roles claim). */
  readonly roles: readonly string[];
}

const DEFAULT_VIEW_RULE = "op=='VIEW_REFERENCE' && ref.matches('.*')";

function declarations(): Environment {
  return new Environment()
    .registerVariable('ref', 'string')
    .registerVariable('path', 'string')
    .registerVariable('contentType', 'string')
    .registerVariable('role', 'string')
    .registerVariable('roles', 'list<string>')
    .registerVariable('op', 'string');
}

export class NessieAuthorizer {
  private readonly env = declarations();
  private readonly rules: readonly string[];

  constructor(rules: Readonly<Record<string, string>>) {
    const texts = Object.values(rules);
    this.rules = texts.some((r) => r.includes('VIEW_REFERENCE')) ? texts : [...texts, DEFAULT_VIEW_RULE];
    for (const [id, rule] of Object.entries(rules)) {
      const result = this.env.check(rule);
      if (!result.valid || result.type !== 'bool') throw new Error(`rule ${id} does not compile to a bool: ${String(result.error)}`);
    }
  }

  /** One check, as CelBatchAccessChecker.canPerformOp evaluates it. */
  allows(who: NessieCaller, check: NessieCheck): boolean {
    const context = {
      op: check.op,
      ref: check.ref ?? '',
      path: check.path ?? '',
      contentType: check.contentType ?? '',
      role: who.role,
      roles: [...who.roles],
    };
    return this.rules.some((rule) => this.env.evaluate(rule, context) === true);
  }

  /** An operation is allowed when all of its checks are. */
  allowsAll(who: NessieCaller, checks: readonly NessieCheck[]): boolean {
    return checks.every((c) => this.allows(who, c));
  }
}
