import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Testing } from 'cdktf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwsLakehouse } from '../../lib/aws/aws-lakehouse';
import { runCli } from '../../lib/cli/main';
import { GcpLakehouse } from '../../lib/gcp/gcp-lakehouse';
import { LakehousePropsError } from '../../lib/errors';
import { loadEnvironments } from '../../lib/model/load-environments';
import { loadTableTemplates } from '../../lib/model/load-templates';
import { checkProject, loadProject } from '../../lib/project';
import { awsTestStack, gcpTestStack } from '../support/synth';

// A column marked pii without access_level: restricted: readers would read personal data.
const TABLE = 'name: people\nnamespace: crm\ncolumns:\n  - { name: id, type: long }\n  - { name: email, type: string, pii: true }\n';
const ENV = (name: string, compliance: string, cloud = 'aws') =>
  cloud === 'aws'
    ? `name: ${name}\nproject: acme\ncloud: aws\ncatalog: glue\nregion: us-east-1\ncompliance: ${compliance}\n`
    : `name: ${name}\nproject: acme\ncloud: gcp\ncatalog: biglake\nregion: europe-west1\ncompliance: ${compliance}\ngcp:\n  project_id: acme-test-1\n`;

describe('pii: true without access_level: restricted', () => {
  let dir: string;
  const path = (...p: string[]) => join(dir, ...p);
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'lakehouse-pii-'));
    for (const d of ['templates', 'loose', 'strict']) mkdirSync(path(d));
    writeFileSync(path('templates', 'people.yaml'), TABLE);
    writeFileSync(path('loose', 'dev.yaml'), ENV('dev', 'none'));
    writeFileSync(path('loose', 'gdev.yaml'), ENV('gdev', 'none', 'gcp'));
    writeFileSync(path('strict', 'prod.yaml'), ENV('prod', 'hipaa'));
    writeFileSync(path('strict', 'audit.yaml'), ENV('audit', 'soc2', 'gcp'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const WARNING = `${join('templates', 'people.yaml')}:5:39: columns[1].pii: column 'email' is marked pii: true but is not access_level: restricted, so the reader tier reads it; set access_level: restricted, or drop pii: true if readers may see it`;

  it('is a warning (file, line, column) without a strict profile: validate prints it as warning: and exits 0', () => {
    const err: string[] = [];
    const code = runCli(['validate', '--templates', path('templates'), '--environments', path('loose')], {
      out: () => undefined,
      err: (l) => err.push(l),
    });
    expect(code).toBe(0);
    // One line for both environments (the same template problem), then the summary.
    expect(err).toEqual([`warning: ${join(dir, WARNING)}`, '1 warning, no problems.']);
  });

  it('is an error naming file, line, column, profile and environment under soc2 and hipaa', () => {
    const { problems } = checkProject(path('templates'), path('strict'));
    expect(problems.map((p) => [p.file, p.line, p.column, p.field, p.severity ?? 'error'])).toEqual([
      [path('templates', 'people.yaml'), 5, 39, 'columns[1].pii', 'error'],
      [path('templates', 'people.yaml'), 5, 39, 'columns[1].pii', 'error'],
    ]);
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringContaining(`compliance: soc2 (environment 'audit', ${path('strict', 'audit.yaml')})`),
      expect.stringContaining(`compliance: hipaa (environment 'prod', ${path('strict', 'prod.yaml')}) needs personal data restricted`),
    ]);
    expect(() => loadProject(path('templates'), path('strict'))).toThrow(/columns\[1\]\.pii: column 'email' is marked pii: true/);
    expect(loadProject(path('templates'), path('loose')).warnings).toHaveLength(1);
  });

  it('at synthesis: the composites refuse it under a strict profile and warn (located) otherwise', () => {
    const templates = loadTableTemplates(path('templates'));
    const [prod] = loadEnvironments(path('strict', 'prod.yaml'));
    expect(() => new AwsLakehouse(awsTestStack(), 'lakehouse', { environment: prod!, templates })).toThrow(LakehousePropsError);
    expect(() => new AwsLakehouse(awsTestStack(), 'lakehouse', { environment: prod!, templates })).toThrow(
      /people\.yaml: columns\[1\]\.pii: column 'email' is marked pii: true .*compliance: hipaa/,
    );
    const [dev] = loadEnvironments(path('loose', 'dev.yaml'));
    const stack = awsTestStack();
    new AwsLakehouse(stack, 'lakehouse', { environment: dev!, templates });
    const [gdev] = loadEnvironments(path('loose', 'gdev.yaml'));
    const gstack = gcpTestStack();
    new GcpLakehouse(gstack, 'lakehouse', { environment: gdev!, templates });
    for (const s of [stack, gstack]) {
      Testing.synth(s);
      const warnings = s.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data)));
      // Once, although GlueLakehouse inside AwsLakehouse runs the same rules.
      expect(warnings.filter((w) => w.includes('pii'))).toEqual([`warning: ${join(dir, WARNING)}`]);
    }
  });
});
