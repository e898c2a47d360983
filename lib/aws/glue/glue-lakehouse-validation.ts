import { glueNameProblems, iamRoleNameProblems } from '../../model';
import { missingAuditColumns, isAuditTable } from './audit-queries';
import { glueTemplateProblems } from './glue-table-input';
import type { LakehouseLayout } from './lakehouse-layout';
import { maintenanceProblems } from './maintenance-plan';
import { IAM_LIMITS } from './policy-packing';

export const GLUE_ROLE_SUFFIXES = [
  'lakehouse-reader',
  'lakehouse-writer',
  'lakehouse-admin',
  'lakehouse-lf-register',
  'lakehouse-optimizer',
] as const;

const PRINCIPAL = /^(\d{12}|arn:aws[a-z-]*:iam::\d{12}:(root|role\/.+|user\/.+))$/;
const LF_ADMIN = /^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/.+$/;
const WORKGROUP = /^[a-zA-Z0-9._-]{1,128}$/;

export interface GlueLakehouseCheckInput {
  readonly layout: LakehouseLayout;
  readonly prefix: string;
  readonly workgroupName: string;
  readonly lakeFormationAdmins: readonly string[];
  readonly trustedPrincipals: readonly string[];
  readonly manageAccountSettings: boolean;
  readonly maxManagedPoliciesPerRole: number;
}

/** Every problem with the props of a Glue lakehouse, one line each, naming the prop and what is allowed. */
export function glueLakehouseProblems(input: GlueLakehouseCheckInput): string[] {
  const out: string[] = [];
  const { layout } = input;
  if (layout.tables.length === 0) out.push('templates: is empty; the Glue lakehouse needs at least one table template');
  for (const suffix of GLUE_ROLE_SUFFIXES) {
    const name = `${input.prefix}-${suffix}`;
    for (const p of iamRoleNameProblems(name)) out.push(`prefix: role name '${name}' ${p}; shorten the project or environment name`);
  }
  if (!WORKGROUP.test(input.workgroupName)) {
    out.push(`prefix: Athena workgroup name '${input.workgroupName}' must be 1 to 128 letters, digits, '.', '_' or '-'`);
  }
  const seen = new Map<string, string>();
  for (const ns of layout.namespaces) {
    for (const p of glueNameProblems(ns.database)) out.push(`templates: Glue database '${ns.database}' (namespace ${ns.namespace}) ${p}`);
  }
  for (const t of layout.tables) {
    for (const p of glueNameProblems(t.name)) out.push(`templates: Glue table '${t.name}' (${t.template.file}) ${p}`);
    const other = seen.get(t.qualifiedName);
    if (other) out.push(`templates: table ${t.qualifiedName} is defined twice (${other} and ${t.template.file})`);
    seen.set(t.qualifiedName, t.template.file);
    out.push(...[...glueTemplateProblems(t.template), ...maintenanceProblems(t.template)].map((p) => `templates: ${p}`));
    if (isAuditTable(t)) {
      const missing = missingAuditColumns(t);
      if (missing.length > 0) {
        out.push(
          `templates: ${t.qualifiedName} (${t.template.file}) is tagged log_type: audit but lacks the columns the compliance queries read: ${missing.join(', ')}; add them or change the tag`,
        );
      }
    }
  }
  for (const p of input.trustedPrincipals) {
    if (!PRINCIPAL.test(p)) out.push(`trustedPrincipals: '${p}' is not an account id or an IAM root/role/user ARN`);
  }
  for (const a of input.lakeFormationAdmins) {
    if (!LF_ADMIN.test(a)) out.push(`lakeFormationAdmins: '${a}' is not an IAM role or user ARN`);
    const tier = new RegExp(`:role/(.*/)?${escape(input.prefix)}-lakehouse-(reader|writer|admin)$`).exec(a);
    if (tier) {
      out.push(
        `lakeFormationAdmins: '${a}' is this lakehouse's ${tier[2]} role; an administrator has implicit access to every column, which defeats the tier (grant it with grantAdmin instead)`,
      );
    }
  }
  if (input.manageAccountSettings && input.lakeFormationAdmins.length === 0) {
    out.push(
      'lakeFormationAdmins: is empty while manageAccountSettings is true; the settings replace the account’s data lake administrators, so list at least the role that runs Terraform',
    );
  }
  const max = input.maxManagedPoliciesPerRole;
  if (!Number.isInteger(max) || max < 1 || max > 20) {
    out.push(
      `maxManagedPoliciesPerRole: ${max} must be a whole number from 1 to 20 (IAM's default quota is ${IAM_LIMITS.managedPoliciesPerRole})`,
    );
  }
  return out;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
