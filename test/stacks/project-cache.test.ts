import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LakehouseValidationError } from '../../lib/model/problems';
import { loadProject } from '../../lib/project';
import { buildLakehouseApp, synthesizeLakehouseApp } from '../../stacks/app';
import { loadProjectCached } from '../../stacks/project-cache';
import { writeGeneratedTemplates } from '../../bench/generate-templates';
import { ENVIRONMENTS_DIR, TEMPLATES_DIR } from '../support/synth';

const work = mkdtempSync(join(tmpdir(), 'lh-project-cache-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function project(name: string): { templates: string; environments: string; cache: { dir: string; code: string } } {
  const dir = join(work, name);
  cpSync(TEMPLATES_DIR, join(dir, 'templates'), { recursive: true });
  cpSync(ENVIRONMENTS_DIR, join(dir, 'environments'), { recursive: true });
  return {
    templates: join(dir, 'templates'),
    environments: join(dir, 'environments'),
    cache: { dir: join(dir, 'cache'), code: 'synth-0123.js' },
  };
}

const cachedFiles = (dir: string): string[] => readdirSync(dir).filter((f) => f.startsWith('project-'));

describe('a validated project remembered by content', () => {
  it('is what loadProject gives, read back without parsing', () => {
    const p = project('same');
    const fresh = loadProject(p.templates, p.environments);
    expect(loadProjectCached(p.templates, p.environments, p.cache)).toEqual(fresh);
    expect(cachedFiles(p.cache.dir)).toHaveLength(1);
    const stored = join(p.cache.dir, cachedFiles(p.cache.dir)[0]!);
    // Read back, not recomputed: a marker written into the stored copy comes back.
    const marked = JSON.parse(readFileSync(stored, 'utf8')) as { templates: { description?: string }[] };
    marked.templates[0]!.description = 'from the cache';
    writeFileSync(stored, JSON.stringify(marked));
    expect(loadProjectCached(p.templates, p.environments, p.cache).templates[0]!.description).toBe('from the cache');
  });

  it('synthesizes byte for byte what the freshly loaded project synthesizes (shipped and generated templates)', () => {
    const p = project('bytes');
    writeGeneratedTemplates(p.templates, 12);
    const out = (cache?: { dir: string; code: string }): Record<string, string> => {
      const dir = mkdtempSync(join(work, 'out-'));
      synthesizeLakehouseApp(
        buildLakehouseApp({ templatesDir: p.templates, environmentsDir: p.environments, outdir: dir, projectCache: cache }),
      );
      return Object.fromEntries(
        readdirSync(join(dir, 'stacks')).map((s) => [s, readFileSync(join(dir, 'stacks', s, 'cdk.tf.json'), 'utf8')]),
      );
    };
    const fresh = out();
    out(p.cache); // stores
    expect(out(p.cache)).toEqual(fresh); // reads
  });

  it('is checked again when any input changes: an edited template, an environment, a template in a subfolder', () => {
    const p = project('changes');
    loadProjectCached(p.templates, p.environments, p.cache);
    const file = join(p.templates, 'audit_trail.yaml');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace('type: timestamptz', 'type: timestamptzz'));
    expect(() => loadProjectCached(p.templates, p.environments, p.cache)).toThrow(LakehouseValidationError);
    writeFileSync(file, original);
    expect(() => loadProjectCached(p.templates, p.environments, p.cache)).not.toThrow();

    mkdirSync(join(p.templates, 'more'));
    writeFileSync(join(p.templates, 'more', 'x.yaml'), 'name: x\nnamespace: ns\ncolumns:\n  - { name: id, type: long }\n');
    expect(() => loadProjectCached(p.templates, p.environments, p.cache)).toThrow(/templates in subfolders are not loaded/);
    rmSync(join(p.templates, 'more'), { recursive: true });

    writeFileSync(
      join(p.environments, 'dev.yaml'),
      readFileSync(join(p.environments, 'dev.yaml'), 'utf8').replace('catalog: glue', 'catalog: glu'),
    );
    expect(() => loadProjectCached(p.templates, p.environments, p.cache)).toThrow(LakehouseValidationError);
    // Problems are never remembered; earlier projects are removed.
    expect(cachedFiles(p.cache.dir)).toHaveLength(1);
  });

  it('is keyed by the code that checked it', () => {
    const p = project('code');
    loadProjectCached(p.templates, p.environments, p.cache);
    const first = cachedFiles(p.cache.dir);
    loadProjectCached(p.templates, p.environments, { ...p.cache, code: 'synth-4567.js' });
    expect(cachedFiles(p.cache.dir)).not.toEqual(first);
  });

  it('ignores a damaged file and writes it again', () => {
    const p = project('damaged');
    loadProjectCached(p.templates, p.environments, p.cache);
    const stored = join(p.cache.dir, cachedFiles(p.cache.dir)[0]!);
    writeFileSync(stored, '{ not json');
    expect(loadProjectCached(p.templates, p.environments, p.cache)).toEqual(loadProject(p.templates, p.environments));
    expect(() => JSON.parse(readFileSync(stored, 'utf8')) as unknown).not.toThrow();
  });
});
