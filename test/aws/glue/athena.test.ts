import { beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_COLUMNS, namedQueryName } from '../../../lib/aws/glue';
import { denyInsecureTransport, denyWrongEncryptionHeader } from '../../../lib/aws/storage';
import { dataOf, resourcesOf } from '../../support/synth';
import { denyingStatements } from '../storage/policy-evaluator';
import { ALL_TEMPLATES, BUCKET, KMS_KEY, layoutOf, STORAGE, synthGlue, template, type Synthesized } from './glue-fixtures';

const queriesByName = (s: Synthesized) =>
  Object.fromEntries(Object.values(resourcesOf(s.json, 'aws_athena_named_query')).map((q) => [q.name, q]));

/** The writers'/admins' workgroup, then the readers' one. */
function workgroups(json: Parameters<typeof resourcesOf>[0]): Record<string, any>[] {
  return Object.values(resourcesOf(json, 'aws_athena_workgroup')).sort((a, b) => String(a.name).length - String(b.name).length);
}

describe('Athena workgroup', () => {
  let s: Synthesized;
  beforeAll(() => {
    s = synthGlue();
  });

  it('runs engine version 3 with enforced settings and results under athena-results/', () => {
    const [wg, readers] = workgroups(s.json) as [Record<string, any>, Record<string, any>];
    expect(wg.name).toBe('acme-test-lakehouse');
    expect(readers.name).toBe('acme-test-lakehouse-readers');
    expect(readers.configuration.result_configuration.output_location).toBe(`s3://${BUCKET}/athena-results/readers/`);
    expect(readers.configuration.enforce_workgroup_configuration).toBe(true);
    expect(readers.configuration.engine_version).toEqual({ selected_engine_version: 'Athena engine version 3' });
    expect(wg.force_destroy).toBe(false);
    expect(wg.configuration.enforce_workgroup_configuration).toBe(true);
    expect(wg.configuration.engine_version).toEqual({ selected_engine_version: 'Athena engine version 3' });
    expect(wg.configuration.result_configuration.output_location).toBe(`s3://${BUCKET}/athena-results/`);
    expect(wg.configuration.result_configuration.expected_bucket_owner).toMatch(/^\$\{data\.aws_caller_identity\./);
    expect(s.lakehouse.workgroupName).toBe('acme-test-lakehouse');
    expect(s.lakehouse.resultsLocation).toBe(`s3://${BUCKET}/athena-results/`);
  });

  it('encrypts results and written data with SSE-KMS under the AWS-managed aws/s3 key when there is no CMK', () => {
    // The lakehouse bucket policy denies any SSE header but aws:kms; an SSE_S3 workgroup would
    // send AES256 with every result and every CTAS/INSERT data file, and fail every query.
    const keys = Object.entries(dataOf(s.json, 'aws_kms_key'));
    expect(keys).toHaveLength(1);
    const [name, key] = keys[0]!;
    expect(key.key_id).toBe('alias/aws/s3');
    for (const wg of workgroups(s.json)) {
      expect(wg.configuration.result_configuration.encryption_configuration).toEqual({
        encryption_option: 'SSE_KMS',
        kms_key_arn: `\${data.aws_kms_key.${name}.arn}`,
      });
    }
  });

  it('sends an SSE header the lakehouse bucket policy accepts', () => {
    const policy = { Statement: [denyInsecureTransport(STORAGE.bucketArn), denyWrongEncryptionHeader(STORAGE.bucketArn)] };
    for (const wg of workgroups(s.json)) {
      const option = wg.configuration.result_configuration.encryption_configuration.encryption_option;
      const header = ({ SSE_S3: 'AES256', SSE_KMS: 'aws:kms' } as Record<string, string>)[option];
      expect(header, option).toBeDefined();
      const request = {
        action: 's3:PutObject',
        resource: `${STORAGE.bucketArn}/athena-results/q.csv`,
        keys: { 's3:x-amz-server-side-encryption': header!, 'aws:SecureTransport': 'true' },
      };
      expect(denyingStatements(policy, request)).toEqual([]);
    }
  });

  it('encrypts results with the CMK when there is one, and can be destroyed when data is not protected', () => {
    const t = synthGlue({ storage: { ...STORAGE, kmsKeyArn: KMS_KEY }, protectData: false });
    expect(dataOf(t.json, 'aws_kms_key')).toEqual({});
    for (const wg of workgroups(t.json)) {
      expect(wg.configuration.result_configuration.encryption_configuration).toEqual({
        encryption_option: 'SSE_KMS',
        kms_key_arn: KMS_KEY,
      });
      expect(wg.force_destroy).toBe(true);
    }
  });

  it('holds time-travel queries for every table, in the workgroup and the table database, saved once the table exists', () => {
    const queries = queriesByName(s);
    const invocationOf = (database: string, name: string) => {
      const [id] = Object.entries(resourcesOf(s.json, 'aws_lambda_invocation')).find(([, r]) => {
        const input = JSON.parse(r.input as string) as { namespace: string[]; table: { name: string } };
        return input.namespace[0] === database && input.table.name === name;
      })!;
      return `aws_lambda_invocation.${id}`;
    };
    for (const t of ALL_TEMPLATES()) {
      for (const key of ['time-travel-timestamp', 'time-travel-version']) {
        const q = queries[`${t.namespace}.${t.name} ${key}`]!;
        expect(q, `${t.name} ${key}`).toBeDefined();
        expect(q.workgroup).toMatch(/^\$\{aws_athena_workgroup\.[^.]+\.name\}$/);
        expect(q.database).toMatch(/^\$\{aws_glue_catalog_database\.[^.]+\.name\}$/);
        expect(q.depends_on).toEqual([invocationOf(`acme_test_${t.namespace}`, t.name)]);
      }
      // The DDL query served only the manual partition step; the function creates the table with its spec now.
      expect(queries[`${t.namespace}.${t.name} create-table`]).toBeUndefined();
      expect(queries[`${t.namespace}.${t.name} time-travel-timestamp`]!.query).toContain(
        `FROM "acme_test_${t.namespace}"."${t.name}" FOR TIMESTAMP AS OF (current_timestamp - interval '1' day)`,
      );
      expect(queries[`${t.namespace}.${t.name} time-travel-version`]!.query).toMatch(/FOR VERSION AS OF \d+ LIMIT 100$/);
      expect(queries[`${t.namespace}.${t.name} time-travel-version`]!.query).toContain(`"acme_test_${t.namespace}"."${t.name}$snapshots"`);
    }
  });

  it('adds the compliance queries to the audit trail only', () => {
    const names = Object.keys(queriesByName(s));
    const audit = names.filter((n) => n.startsWith('compliance.audit_trail ')).sort();
    expect(audit).toEqual(
      [
        'exports-by-user',
        'failed-access-by-ip',
        'failed-logins-by-ip',
        'gdpr-access-by-user',
        'off-hours-access',
        'session-timeline',
        'sox-permission-changes',
        'time-travel-timestamp',
        'time-travel-version',
      ].map((k) => `compliance.audit_trail ${k}`),
    );
    expect(names.filter((n) => n.includes('gdpr-access-by-user'))).toHaveLength(1);
  });

  it('writes the compliance queries against the audit trail columns', () => {
    const q = (key: string) => queriesByName(s)[`compliance.audit_trail ${key}`]!.query as string;
    expect(q('gdpr-access-by-user')).toContain(`WHERE user_id = ? AND action_type IN ('READ', 'EXPORT')`);
    expect(q('failed-access-by-ip')).toContain(`WHERE action_result IN ('FAILURE', 'DENIED')`);
    expect(q('failed-access-by-ip')).toContain('GROUP BY ip_address');
    expect(q('failed-logins-by-ip')).toContain(`action_type = 'LOGIN' AND action_result <> 'SUCCESS'`);
    expect(q('sox-permission-changes')).toContain(`action_type IN ('GRANT', 'REVOKE')`);
    expect(q('session-timeline')).toContain('WHERE session_id = ?\nORDER BY event_timestamp');
    expect(q('exports-by-user')).toContain(`action_type = 'EXPORT'`);
    expect(q('off-hours-access')).toContain(
      'hour(event_timestamp) < 7 OR hour(event_timestamp) >= 19 OR day_of_week(event_timestamp) IN (6, 7)',
    );
    const audit = ALL_TEMPLATES().find((t) => t.name === 'audit_trail')!;
    const columns = new Set(audit.columns.map((c) => c.name));
    for (const c of AUDIT_COLUMNS) expect(columns.has(c), c).toBe(true);
    const auditKeys = [
      'gdpr-access-by-user',
      'failed-access-by-ip',
      'failed-logins-by-ip',
      'sox-permission-changes',
      'session-timeline',
      'exports-by-user',
      'off-hours-access',
    ];
    for (const query of auditKeys.map((k) => queriesByName(s)[`compliance.audit_trail ${k}`]!)) {
      expect(query.query).toContain('FROM "acme_test_compliance"."audit_trail"');
    }
  });

  it('rejects an audit-tagged template that lacks the audited columns', () => {
    const bad = template(
      'name: access_log\nnamespace: sec\ntags: { log_type: audit }\ncolumns:\n  - { name: user_id, type: string }\n',
      'access_log.yaml',
    );
    expect(() => synthGlue({ templates: [bad] })).toThrow(
      /access_log\.yaml: tags\.log_type: log_type: audit asks for the compliance queries, which read columns this table lacks: .*event_timestamp/,
    );
  });
});

describe('named query names', () => {
  it('keeps named query names within Athena’s 128 characters', () => {
    const long = template(`name: ${'t'.repeat(100)}\nnamespace: ${'n'.repeat(40)}\ncolumns:\n  - { name: id, type: long }\n`);
    const lt = layoutOf([long]).tables[0]!;
    const name = namedQueryName(lt, 'time-travel-timestamp');
    expect(name.length).toBeLessThanOrEqual(128);
    expect(name.endsWith(' time-travel-timestamp')).toBe(true);
    expect(namedQueryName(lt, 'time-travel-timestamp')).toBe(name);
  });
});
