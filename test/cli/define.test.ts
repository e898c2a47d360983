import { describe, expect, it } from 'vitest';
import { defineEnvironment, defineTableTemplates } from '../../lib/define';
import { LakehouseValidationError } from '../../lib/model';
import { lakehouseProblems } from '../../lib/project';

describe('defining environments and templates in code', () => {
  it('applies the same defaults as an environment file', () => {
    const env = defineEnvironment({ name: 'dev', project: 'acme', cloud: 'aws', catalog: 'glue', region: 'eu-west-1' });
    expect(env.protectData).toBe(true);
    expect(env.storage.bucketName).toBe('acme-dev-lakehouse');
    expect(env.logging.retentionDays).toBe(365);
    expect(env.file).toBe("environment 'dev' (code)");
  });

  it('rejects invalid input with field paths, like a file', () => {
    let error: LakehouseValidationError | undefined;
    try {
      defineEnvironment({ name: 'dev', project: 'acme', cloud: 'aws', catalog: 'biglake', region: 'eu-west-1', nessie: { cpu: 300 } });
    } catch (e) {
      error = e as LakehouseValidationError;
    }
    expect(error).toBeInstanceOf(LakehouseValidationError);
    // The file's shape and which blocks belong together; what AWS accepts (Fargate sizes) is the
    // cloud's rules, checked with the templates by lakehouseProblems and the composites.
    expect(error!.problems.map((p) => p.field).sort()).toEqual(['catalog', 'nessie']);
    expect(error!.problems.every((p) => p.line === 0)).toBe(true);
  });

  it('leaves cloud rules to lakehouseProblems and the composites, which report them in YAML terms', () => {
    const env = defineEnvironment({
      name: 'dev',
      project: 'acme',
      cloud: 'aws',
      catalog: 'nessie',
      region: 'eu-west-1',
      nessie: { cpu: 300 },
    });
    const table = defineTableTemplates([{ name: 't', namespace: 'ns', columns: [{ name: 'id', type: 'long' }] }]);
    expect(lakehouseProblems(env, table).map((p) => [p.file, p.line, p.field])).toEqual([["environment 'dev' (code)", 0, 'nessie.cpu']]);
  });

  it('validates templates and rejects duplicates', () => {
    const table = { name: 't', namespace: 'ns', columns: [{ name: 'id', type: 'long' }] };
    expect(defineTableTemplates([table])[0]!.parsedColumns[0]!.type).toEqual({ kind: 'primitive', name: 'long' });
    expect(() => defineTableTemplates([table, table])).toThrow(
      "name: table 'ns.t' is already defined in template 'ns.t' (code); a table name must be unique within its namespace",
    );
    expect(() => defineTableTemplates([{ ...table, columns: [{ name: 'id', type: 'decimal(50,2)' }] }])).toThrow(
      /columns\[0\]\.type: decimal precision 50 is out of range/,
    );
  });
});
