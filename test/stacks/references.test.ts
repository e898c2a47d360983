import { TerraformStack } from 'cdktf';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLakehouseApp, synthesizeLakehouseApp } from '../../stacks/app';
import { LakehouseStack } from '../../lib/stack/lakehouse-stack';
import { ENVIRONMENTS_DIR, TEMPLATES_DIR, type TfJson } from '../support/synth';

const STACKS = ['dev', 'gcp-dev', 'prod', 'staging'];
const dirs: string[] = [];

function synthShipped(): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'lh-refs-'));
  dirs.push(dir);
  synthesizeLakehouseApp(buildLakehouseApp({ templatesDir: TEMPLATES_DIR, environmentsDir: ENVIRONMENTS_DIR, outdir: dir }));
  return Object.fromEntries(STACKS.map((s) => [s, readFileSync(join(dir, 'stacks', s, 'cdk.tf.json'), 'utf8')]));
}

/** Every `${...}` reference to a resource, data source, variable or local, as written in the JSON. */
function references(json: unknown): string[] {
  const found: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      for (const expr of v.match(/\$\{[^}]*\}/g) ?? []) {
        for (const m of expr.matchAll(/(?<![\w.])((?:data\.)?(?:aws|google)_[a-z0-9_]+\.[A-Za-z0-9_-]+|(?:var|local)\.[A-Za-z0-9_-]+)/g)) {
          found.push(m[1]!);
        }
      }
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(json);
  return found;
}

/** References that name nothing the stack itself declares. */
function dangling(json: TfJson & { variable?: object; locals?: object }): string[] {
  const declared = new Set<string>();
  for (const [type, byName] of Object.entries(json.resource ?? {})) for (const name of Object.keys(byName)) declared.add(`${type}.${name}`);
  for (const [type, byName] of Object.entries(json.data ?? {}))
    for (const name of Object.keys(byName)) declared.add(`data.${type}.${name}`);
  for (const name of Object.keys(json.variable ?? {})) declared.add(`var.${name}`);
  for (const name of Object.keys(json.locals ?? {})) declared.add(`local.${name}`);
  return [...new Set(references(json))].filter((r) => !declared.has(r));
}

// Isolated lakehouse stacks skip cdktf's cross-stack preparation (lib/stack/lakehouse-stack.ts). These tests
// pin what that may not change: the output, and references staying inside their own stack.
describe('isolated lakehouse stacks without cdktf cross-stack preparation', () => {
  let text: Record<string, string>;
  beforeAll(() => {
    text = synthShipped();
  });
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('synthesizes the shipped stacks byte for byte as with the preparation', () => {
    const own = Object.getOwnPropertyDescriptor(LakehouseStack.prototype, 'prepareStack')!;
    Object.defineProperty(LakehouseStack.prototype, 'prepareStack', { ...own, value: TerraformStack.prototype.prepareStack });
    try {
      expect(synthShipped()).toEqual(text);
    } finally {
      Object.defineProperty(LakehouseStack.prototype, 'prepareStack', own);
    }
  });

  it.each(STACKS)('%s: every reference names a resource or data source of the same stack', (name) => {
    const json = JSON.parse(text[name]!) as TfJson;
    expect(references(json).length).toBeGreaterThan(50);
    expect(dangling(json)).toEqual([]);
  });

  it('a reference to something the stack does not declare is reported', () => {
    const json = JSON.parse(text.dev!) as TfJson;
    const first = Object.values(Object.values(json.resource!)[0]!)[0] as Record<string, unknown>;
    first.description = '${aws_s3_bucket.from_another_stack.arn} and ${data.aws_region.elsewhere.name}';
    expect(dangling(json)).toEqual(['aws_s3_bucket.from_another_stack', 'data.aws_region.elsewhere']);
  });
});
