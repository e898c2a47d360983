/**
 * What the Glue catalog path needs of the templates and the environment, beyond what every
 * environment needs: Glue and Athena names and limits, optimizers Glue can run, the compliance
 * queries' columns, and the Lake Formation administrator list.
 */
import type { SourcedProblem } from '../../model/problems';
import type { LakehousePlan } from '../../plan';
import { AUDIT_COLUMNS } from '../glue/audit-queries';
import { glueTemplateProblems } from '../glue/glue-table-input';
import { maintenanceProblems } from '../glue/maintenance-plan';
import { athenaWorkgroupNameProblems, glueNameProblems } from './names';

/** Athena workgroup of writers and admins: `<prefix>-lakehouse`. */
export function glueWorkgroupName(prefix: string): string {
  return `${prefix}-lakehouse`;
}

/** Suffix of the readers' own workgroup: results in a shared workgroup can be listed and fetched by every member. */
export const READER_WORKGROUP_SUFFIX = 'readers';

/** Athena workgroup of the reader tier: `<prefix>-lakehouse-readers`. */
export function glueReaderWorkgroupName(prefix: string): string {
  return `${glueWorkgroupName(prefix)}-${READER_WORKGROUP_SUFFIX}`;
}

export function glueLakehouseProblems(plan: LakehousePlan): SourcedProblem[] {
  const env = plan.environment;
  const out: SourcedProblem[] = [];
  if (plan.tables.length === 0) {
    out.push({ file: env.file, path: [], message: 'the Glue lakehouse needs at least one table template in table-templates/' });
  }
  for (const p of athenaWorkgroupNameProblems(`${glueWorkgroupName(plan.prefix)}-readers`)) {
    out.push({
      file: env.file,
      path: ['project'],
      message: `derived Athena workgroup name '${glueWorkgroupName(plan.prefix)}-readers' ${p}; shorten project or name`,
    });
  }
  for (const t of plan.tables) {
    const file = t.template.file;
    for (const p of glueNameProblems(t.database)) out.push({ file, path: ['namespace'], message: `Glue database '${t.database}' ${p}` });
    for (const p of glueNameProblems(t.name)) out.push({ file, path: ['name'], message: `Glue table '${t.name}' ${p}` });
    out.push(...glueTemplateProblems(t.template), ...maintenanceProblems(t.template));
    if (t.template.tags?.log_type === 'audit') {
      const names = new Set(t.template.columns.map((c) => c.name));
      const missing = AUDIT_COLUMNS.filter((c) => !names.has(c));
      if (missing.length > 0) {
        out.push({
          file,
          path: ['tags', 'log_type'],
          message: `log_type: audit asks for the compliance queries, which read columns this table lacks: ${missing.join(', ')}; add them or change the tag`,
        });
      }
    }
  }
  out.push(...lakeFormationAdminProblems(plan));
  return out;
}

function lakeFormationAdminProblems(plan: LakehousePlan): SourcedProblem[] {
  const env = plan.environment;
  const out: SourcedProblem[] = [];
  env.access.lakeFormationAdmins.forEach((arn, i) => {
    const tier = new RegExp(`:role/(.*/)?${escapeRegExp(plan.prefix)}-lakehouse-(reader|writer|admin)$`).exec(arn);
    if (tier) {
      out.push({
        file: env.file,
        path: ['access', 'lake_formation_admins', i],
        message: `'${arn}' is this lakehouse's ${tier[2]} role; an administrator has implicit access to every column, which defeats the tier (grant it with grantAdmin instead)`,
      });
    }
  });
  return out;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
