/**
 * Nessie's authorization rules for the three tiers, as CEL expressions for
 * `nessie.server.authorization.rules.<id>` (site/in-dev/authorization.md and
 * servers/quarkus-authz/.../CelBatchAccessChecker.java at nessie-0.108.4).
 *
 * Nessie allows a check when ANY rule evaluates to true. The variables a rule sees: `op` (the
 * check type), `role` (the principal name), `roles` (the identity's roles: here the token's scopes
 * or groups, see QUARKUS_OIDC_ROLES_ROLE_CLAIM_PATH), `ref` (branch or tag name), `path` and
 * `contentType` (content checks only). While no rule mentions VIEW_REFERENCE, Nessie adds its own
 * rule that lets everybody view every reference; the reader rule mentions it, so that default is off.
 */
import { NESSIE_MAIN_BRANCH, type NessieTier } from '../../model/nessie-auth';

/** Every check type of `Check.CheckType` at nessie-0.108.4. */
export const NESSIE_OPERATIONS = [
  'VIEW_REFERENCE',
  'CREATE_REFERENCE',
  'ASSIGN_REFERENCE_TO_HASH',
  'DELETE_REFERENCE',
  'READ_ENTRIES',
  'READ_CONTENT_KEY',
  'LIST_COMMIT_LOG',
  'COMMIT_CHANGE_AGAINST_REFERENCE',
  'READ_ENTITY_VALUE',
  'CREATE_ENTITY',
  'UPDATE_ENTITY',
  'DELETE_ENTITY',
  'READ_REPOSITORY_CONFIG',
  'UPDATE_REPOSITORY_CONFIG',
] as const;
export type NessieOperation = (typeof NESSIE_OPERATIONS)[number];

/** What a reader may do, on every reference: list references, entries and history; read table metadata. */
export const NESSIE_READ_OPERATIONS: readonly NessieOperation[] = [
  'VIEW_REFERENCE',
  'READ_ENTRIES',
  'LIST_COMMIT_LOG',
  'READ_CONTENT_KEY',
  'READ_ENTITY_VALUE',
];
/**
 * What a writer may do on `main` and the listed branches besides reading: commit changes to existing
 * tables and views (an Iceberg commit is COMMIT_CHANGE_AGAINST_REFERENCE + UPDATE_ENTITY). Creating
 * and dropping tables or namespaces (CREATE_ENTITY, DELETE_ENTITY) stays with admins, as tables come
 * from the templates.
 */
export const NESSIE_WRITE_OPERATIONS: readonly NessieOperation[] = ['COMMIT_CHANGE_AGAINST_REFERENCE', 'UPDATE_ENTITY'];
/** On the listed writer branches only (never `main`): create the branch and reset it to a commit. */
export const NESSIE_BRANCH_OPERATIONS: readonly NessieOperation[] = ['CREATE_REFERENCE', 'ASSIGN_REFERENCE_TO_HASH'];

export interface NessieAuthorizationInput {
  /** Role value (an entry of `roles`) that grants each tier. */
  readonly tierRoles: Readonly<Record<NessieTier, string>>;
  /** Branches writers may create, reset and commit to besides `main`. */
  readonly writerBranches: readonly string[];
}

/** A CEL string literal; the model only lets through values that need no escaping. */
function celString(value: string): string {
  if (!/^[A-Za-z0-9._:/@+-]+$/.test(value)) throw new Error(`'${value}' cannot be quoted in a Nessie authorization rule`);
  return `'${value}'`;
}

function celList(values: readonly string[]): string {
  return `[${values.map(celString).join(', ')}]`;
}

/**
 * The rules by id (`reader`, `writer`, `admin`: plain lowercase ids, because they become part of an
 * environment variable name). Deterministic: the same input gives the same strings.
 */
export function nessieAuthorizationRules(input: NessieAuthorizationInput): Record<NessieTier, string> {
  const role = (tier: NessieTier) => `${celString(input.tierRoles[tier])} in roles`;
  const branches = [...new Set(input.writerBranches)];
  const writable = [NESSIE_MAIN_BRANCH, ...branches];
  const writer = [
    `op in ${celList(NESSIE_READ_OPERATIONS)}`,
    `(op in ${celList(NESSIE_WRITE_OPERATIONS)} && ref in ${celList(writable)})`,
    ...(branches.length > 0 ? [`(op in ${celList(NESSIE_BRANCH_OPERATIONS)} && ref in ${celList(branches)})`] : []),
  ];
  return {
    reader: `${role('reader')} && op in ${celList(NESSIE_READ_OPERATIONS)}`,
    writer: `${role('writer')} && (${writer.join(' || ')})`,
    admin: role('admin'),
  };
}
