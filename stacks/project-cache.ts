import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { environmentFiles } from '../lib/model/load-environments';
import { nestedYamlFiles, yamlFilesIn } from '../lib/model/load-templates';
import { loadProject, type LakehouseProject } from '../lib/project';

/** Where a validated project is remembered, and which code validated it. */
export interface ProjectCache {
  readonly dir: string;
  /** Identifies the code that checks the input (the precompiled bundle's name is its content key). */
  readonly code: string;
}

/**
 * `loadProject`, remembered by content: a project that loaded without problems is stored as JSON
 * under a key made of the checking code and the name and content of every file the loader reads
 * (the templates' subfolders by name, as their mere presence is a problem), and an unchanged
 * project is then not parsed and checked again. Parsing the YAML alone took a sixth of a
 * synthesis of the shipped environments. Anything else (a change, a problem) runs the loader.
 */
export function loadProjectCached(templatesDir: string, environmentsPath: string, cache: ProjectCache): LakehouseProject {
  const key = projectKey(templatesDir, environmentsPath, cache.code);
  const file = key === undefined ? undefined : join(cache.dir, `project-${key}.json`);
  if (file && existsSync(file)) {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as LakehouseProject;
    } catch {
      rmSync(file, { force: true });
    }
  }
  const project = loadProject(templatesDir, environmentsPath);
  if (file) remember(file, project);
  return project;
}

/** The key, or undefined when an input is missing (the loader then reports it). */
function projectKey(templatesDir: string, environmentsPath: string, code: string): string | undefined {
  if (!isFolder(templatesDir) || !existsSync(environmentsPath)) return undefined;
  const hash = createHash('sha256').update(`${code}\n${templatesDir}\n${environmentsPath}\n`);
  for (const nested of nestedYamlFiles(templatesDir)) hash.update(`nested ${nested}\n`);
  for (const file of [...yamlFilesIn(templatesDir), ...environmentFiles(environmentsPath)]) {
    hash.update(`file ${file}\n`).update(readFileSync(file)).update('\n');
  }
  return hash.digest('hex').slice(0, 24);
}

function remember(file: string, project: LakehouseProject): void {
  const dir = join(file, '..');
  mkdirSync(dir, { recursive: true });
  // Projects of earlier inputs are never read again.
  for (const f of readdirSync(dir)) {
    if (/^project-[0-9a-f]+\.json$/.test(f) && join(dir, f) !== file) rmSync(join(dir, f), { force: true });
  }
  // Written aside and renamed, so a concurrent synthesis never reads half a file.
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, JSON.stringify(project));
  renameSync(partial, file);
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
