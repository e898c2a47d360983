/**
 * The two sides of `lakehouse diff`: templates in a folder, or templates as they were at a git
 * ref. A git ref is read with `git ls-tree` and `git cat-file` (no checkout, the working tree is
 * untouched) into a temporary folder that the model's own loader then checks, so both sides are
 * validated exactly like `lakehouse validate` does.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { checkTableTemplates, yamlFilesIn } from '../model/load-templates';
import type { Problem } from '../model/problems';
import type { LoadedTableTemplate } from '../model/table-template';
import { UsageError } from './command';
import type { TemplateSide } from './template-diff';

export interface LoadedSide extends TemplateSide {
  readonly problems: Problem[];
  /** Said once on standard error, e.g. that the folder did not exist at the base ref. */
  readonly notes: string[];
}

export function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Templates of a folder, checked as `lakehouse validate` checks them. */
export function loadFolderSide(dir: string): LoadedSide {
  const texts = new Map<string, string>();
  const textOf = (file: string): string => {
    if (!texts.has(file)) texts.set(file, readFileSync(file, 'utf8'));
    return texts.get(file)!;
  };
  if (yamlFilesIn(dir).length === 0)
    return { root: dir, templates: [], problems: [], textOf, notes: [`note: no table templates in ${dir}`] };
  const { templates, problems } = checkTableTemplates(dir);
  return { root: dir, templates, problems, textOf, notes: [] };
}

function git(cwd: string, args: readonly string[], input?: string): Buffer {
  return execFileSync('git', args, { cwd, input, maxBuffer: 1 << 30, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** The repository holding `dir`, and the commit `ref` names; usage errors when there is none. */
function resolveRef(ref: string, dir: string): { top: string; commit: string } {
  let top: string;
  try {
    top = git(dir, ['rev-parse', '--show-toplevel']).toString('utf8').trim();
  } catch {
    throw new UsageError(`--base '${ref}' is not a folder, and ${dir} is not in a git repository to read a ref from`);
  }
  // A ref starting with '-' would be read as an option by git.
  const commit = ref.startsWith('-')
    ? ''
    : (() => {
        try {
          return git(top, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])
            .toString('utf8')
            .trim();
        } catch {
          return '';
        }
      })();
  if (commit === '') throw new UsageError(`--base '${ref}' is not a folder, nor a branch, tag or commit of the git repository ${top}`);
  return { top, commit };
}

/**
 * Templates as they were at `ref`, for the templates folder `templatesDir` of the working tree.
 * Reported files use the working tree's paths (a file at the same path is the same file).
 */
export function loadGitSide(ref: string, templatesDir: string): LoadedSide {
  const { top, commit } = resolveRef(ref, templatesDir);
  const rel = relative(realpathSync(top), realpathSync(templatesDir));
  if (rel.startsWith('..') || isAbsolute(rel)) throw new UsageError(`--templates '${templatesDir}' is outside the git repository ${top}`);
  const treePath = rel === '' ? '.' : rel.split(sep).join('/');
  const blobs = listBlobs(top, commit, treePath);
  const empty: LoadedSide = {
    root: templatesDir,
    templates: [],
    problems: [],
    textOf: () => '',
    notes: [`note: ${treePath} has no table templates at ${ref}; every table is new`],
  };
  if (blobs.length === 0) return empty;
  const tmp = mkdtempSync(join(tmpdir(), 'lakehouse-diff-'));
  try {
    const root = join(tmp, 'base');
    const texts = new Map<string, string>();
    const contents = catBlobs(
      top,
      blobs.map((b) => b.oid),
    );
    blobs.forEach((b, i) => {
      const inside = b.path.slice(treePath === '.' ? 0 : treePath.length + 1);
      const file = join(root, ...inside.split('/'));
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, contents[i]!);
      texts.set(join(templatesDir, ...inside.split('/')), contents[i]!.toString('utf8'));
    });
    if (!existsSync(root) || yamlFilesIn(root).length === 0) return empty;
    const checked = checkTableTemplates(root);
    const display = (file: string): string =>
      file === root || file.startsWith(root + sep) ? join(templatesDir, relative(root, file)) : file;
    const templates: LoadedTableTemplate[] = checked.templates.map((t) => ({ ...t, file: display(t.file) }));
    const problems = checked.problems.map((p) => ({ ...p, file: display(p.file), message: `(at ${ref}) ${p.message}` }));
    return { root: templatesDir, templates, problems, textOf: (file) => texts.get(file) ?? '', notes: [] };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Regular files under `treePath` at `commit` (recursively, so subfolders look as they do on disk). */
function listBlobs(top: string, commit: string, treePath: string): { oid: string; path: string }[] {
  const out = git(top, ['ls-tree', '-r', '-z', '--full-tree', commit, '--', treePath]).toString('utf8');
  return out
    .split('\0')
    .filter((line) => line !== '')
    .map((line) => {
      const [meta, path] = line.split('\t', 2) as [string, string];
      const [mode, type, oid] = meta.split(' ') as [string, string, string];
      return { mode, type, oid, path };
    })
    .filter((e) => e.type === 'blob' && (e.mode === '100644' || e.mode === '100755'))
    .filter((e) => treePath === '.' || e.path.startsWith(`${treePath}/`))
    .map(({ oid, path }) => ({ oid, path }));
}

/** Contents of many blobs with one `git cat-file --batch` ("<oid> blob <size>\n<bytes>\n" each). */
function catBlobs(top: string, oids: readonly string[]): Buffer[] {
  const out = git(top, ['cat-file', '--batch'], oids.join('\n') + '\n');
  const blobs: Buffer[] = [];
  let at = 0;
  for (const oid of oids) {
    const newline = out.indexOf(0x0a, at);
    const header = out.subarray(at, newline).toString('utf8').split(' ');
    if (header[0] !== oid || header[1] !== 'blob') throw new Error(`git cat-file: unexpected answer '${header.join(' ')}' for ${oid}`);
    const size = Number(header[2]);
    blobs.push(out.subarray(newline + 1, newline + 1 + size));
    at = newline + 1 + size + 1;
  }
  return blobs;
}

/** The base side: a folder when `base` is one, otherwise a git ref of the repository holding the templates. */
export function loadBaseSide(base: string, templatesDir: string): LoadedSide {
  if (isFolder(base)) return loadFolderSide(base);
  if (existsSync(resolve(base))) throw new UsageError(`--base '${base}' is a file; give a folder of templates or a git ref`);
  return loadGitSide(base, templatesDir);
}
