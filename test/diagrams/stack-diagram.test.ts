import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { stackDiagram } from '../../lib/diagrams/stack-diagram';
import type { TerraformJson } from '../../lib/policy/terraform-json';
import { DIAGRAM_PAGES, pagesWithDiagrams, withDiagram } from '../../scripts/diagrams';
import { buildLakehouseApp, synthesizeLakehouseApp } from '../../stacks/app';
import { ENVIRONMENTS_DIR, ROOT, TEMPLATES_DIR } from '../support/synth';
import { useTempDirs } from '../support/temp-dirs';

const tempDir = useTempDirs();

describe('pictures of the shipped stacks', () => {
  let stacks: Map<string, TerraformJson>;
  beforeAll(() => {
    const out = tempDir('lh-diagrams-');
    synthesizeLakehouseApp(buildLakehouseApp({ templatesDir: TEMPLATES_DIR, environmentsDir: ENVIRONMENTS_DIR, outdir: out }));
    stacks = new Map(
      Object.keys(DIAGRAM_PAGES).map((env) => [
        env,
        JSON.parse(readFileSync(join(out, 'stacks', env, 'cdk.tf.json'), 'utf8')) as TerraformJson,
      ]),
    );
  });

  it('are up to date in the docs (run `npm run synth && npm run diagrams` when this fails)', () => {
    for (const [page, text] of pagesWithDiagrams(stacks, (p) => readFileSync(join(ROOT, p), 'utf8'))) {
      expect(readFileSync(join(ROOT, page), 'utf8'), page).toBe(text);
    }
  });

  it('draw one box per component and the references a reader needs', () => {
    const prod = stackDiagram(stacks.get('prod')!, 'prod');
    expect(prod).toMatch(/^ {2}glue_access\["glue\/access<br\/>\d+ lakeformation permissions/m);
    expect(prod).toContain('glue_access -->|');
    expect(prod).toMatch(/bucket -->\|encrypts\| key/);
    const staging = stackDiagram(stacks.get('staging')!, 'staging');
    expect(staging).toMatch(/nessie_service -->\|[^|]*version store[^|]*\| nessie_version_store/);
    // Readable: boxes per construct, never one per table.
    for (const env of Object.keys(DIAGRAM_PAGES)) {
      const boxes = stackDiagram(stacks.get(env)!, env)
        .split('\n')
        .filter((l) => /^ {2}\w+\["/.test(l));
      expect(boxes.length, env).toBeLessThanOrEqual(25);
    }
  });

  it('a page without the markers is an error naming them', () => {
    expect(() => withDiagram('# page\n', 'dev', 'flowchart LR\n')).toThrow('no <!-- diagram:dev --> ... <!-- /diagram:dev --> markers');
  });
});
