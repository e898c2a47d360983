/**
 * `pii: true` on a column that is not `access_level: restricted` marks personal data the reader
 * tier reads: an error under `compliance: soc2` or `hipaa`, a warning otherwise. Run by each
 * cloud's rules, so `lakehouse validate` and the composites report it alike (with file and line).
 */
import type { SourcedProblem } from '../model/problems';
import type { LakehousePlan } from './lakehouse-plan';

/** Profiles under which personal data readers can read is an error. */
export const PII_STRICT_PROFILES = ['soc2', 'hipaa'] as const;

export function piiProblems(plan: LakehousePlan): SourcedProblem[] {
  const env = plan.environment;
  const strict = (PII_STRICT_PROFILES as readonly string[]).includes(env.compliance);
  return plan.tables.flatMap(({ template }) =>
    template.columns.flatMap((column, i): SourcedProblem[] => {
      if (column.pii !== true || column.access_level === 'restricted') return [];
      const exposed = `column '${column.name}' is marked pii: true but is not access_level: restricted, so the reader tier reads it`;
      return [
        strict
          ? {
              file: template.file,
              path: ['columns', i, 'pii'],
              message: `${exposed}; compliance: ${env.compliance} (environment '${env.name}', ${env.file}) needs personal data restricted: set access_level: restricted (and a masking for masked reads)`,
            }
          : {
              file: template.file,
              path: ['columns', i, 'pii'],
              severity: 'warning',
              message: `${exposed}; set access_level: restricted, or drop pii: true if readers may see it`,
            },
      ];
    }),
  );
}
