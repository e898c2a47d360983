import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NessieSettings } from '../../../lib/model';
import { awsEnvironment, onlyResource, ROOT } from '../../support/synth';
import { CERT, synthNessie } from './nessie-fixtures';

interface Row {
  readonly variable: string;
  readonly value: string;
  readonly when: string;
  readonly source: string;
}

/** The "Nessie settings, exactly" table of docs/aws-nessie.md. */
function documentedSettings(): Row[] {
  const doc = readFileSync(resolve(ROOT, 'docs', 'aws-nessie.md'), 'utf8');
  const section = doc.split('#### Nessie settings, exactly')[1]!.split('\n#')[0]!;
  return section
    .split('\n')
    .filter((l) => /^\| `[A-Z0-9_]+` \|/.test(l))
    .map((l) => {
      const cells = l.split(' | ').map((c) => c.replace(/^\| |\s*\|$/g, '').trim());
      return { variable: cells[0]!.replace(/`/g, ''), value: cells[2]!, when: cells[3]!, source: cells[4]! };
    });
}

function taskEnvironment(nessie: NessieSettings): Record<string, string> {
  const task = onlyResource(synthNessie({ nessie }).json, 'aws_ecs_task_definition');
  const [container] = JSON.parse(task.container_definitions as string);
  return Object.fromEntries(container.environment.map((e: { name: string; value: string }) => [e.name, e.value]));
}

const yaml = (auth: string, cert = true) =>
  `nessie:\n${cert ? `  certificate_arn: ${CERT}\n  host_name: nessie.example.com\n` : ''}${auth}`;
const SCENARIOS: Array<[name: string, nessie: () => NessieSettings, when: string[]]> = [
  ['HTTP only, no authentication', () => awsEnvironment('nessie').nessie, ['always']],
  ['HTTPS, authentication off', () => awsEnvironment('nessie', yaml('  auth: { mode: none }\n')).nessie, ['always', 'certificate']],
  ['HTTPS with Cognito', () => awsEnvironment('nessie', yaml('')).nessie, ['always', 'certificate', 'auth']],
  [
    'HTTPS with an external issuer',
    () =>
      awsEnvironment('nessie', yaml('  auth: { mode: external, issuer_url: "https://id.example.com/realms/x", audience: nessie }\n'))
        .nessie,
    ['always', 'certificate', 'auth', 'external issuer'],
  ],
];

describe('docs/aws-nessie.md lists exactly the settings the task definition sets', () => {
  const rows = documentedSettings();

  it('has a well-formed row per variable, each with a source', () => {
    expect(rows.length).toBeGreaterThanOrEqual(20);
    expect(new Set(rows.map((r) => r.variable)).size).toBe(rows.length);
    for (const r of rows) {
      expect(['always', 'certificate', 'auth', 'external issuer']).toContain(r.when);
      expect(r.source.length).toBeGreaterThan(10);
    }
  });

  it.each(SCENARIOS)('%s: nothing undocumented, nothing documented but absent', (_name, nessie, when) => {
    const env = taskEnvironment(nessie());
    const expected = rows.filter((r) => when.includes(r.when)).map((r) => r.variable);
    expect(Object.keys(env).sort()).toEqual([...expected].sort());
    // Rows whose value is one literal must match it exactly.
    for (const r of rows.filter((x) => when.includes(x.when) && /^`[^`<>]+`$/.test(x.value) && !x.value.includes('.')))
      expect(env[r.variable], r.variable).toBe(r.value.replace(/`/g, ''));
  });
});
