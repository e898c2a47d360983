import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The developers' guide: no function or constructor over ~80 lines, so each unit reads on one
 * screen (long constructors are split into private render methods, as aws-cdk's `Bucket` does).
 */
const MAX_LINES = 80;
const ROOT = join(__dirname, '..');
const FOLDERS = ['lib', 'functions'];

/** Every hand-written `.ts` file under `dir` (generated validators are exempt: a tool writes them). */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.generated.ts') ? [path] : [];
  });
}

interface LongUnit {
  readonly where: string;
  readonly name: string;
  readonly lines: number;
}

function isFunctionLike(node: ts.Node): node is ts.FunctionLikeDeclaration {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isConstructorDeclaration(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node) ||
    ts.isArrowFunction(node) ||
    ts.isFunctionExpression(node)
  );
}

function unitName(node: ts.FunctionLikeDeclaration, source: ts.SourceFile): string {
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  if (node.name) return node.name.getText(source);
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) {
    return parent.name.getText(source);
  }
  return ts.isArrowFunction(node) ? '(arrow function)' : '(function expression)';
}

/** Functions, constructors, methods, accessors and arrows of one file longer than `max` lines (first to last line). */
function longUnits(file: string, text: string, max: number): LongUnit[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: LongUnit[] = [];
  const visit = (node: ts.Node): void => {
    if (isFunctionLike(node)) {
      const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const lines = last - first + 1;
      if (lines > max) out.push({ where: `${file}:${first + 1}`, name: unitName(node, source), lines });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

describe('code shape', () => {
  it(`finds a unit longer than the limit, with its place, name and length`, () => {
    const body = Array.from({ length: 5 }, (_, i) => `  const v${i} = ${i};`).join('\n');
    const text = `export class C {\n  constructor() {\n${body}\n  }\n}\nconst f = (): void => {\n${body}\n};\n`;
    expect(longUnits('x.ts', text, 6)).toEqual([
      { where: 'x.ts:2', name: 'constructor', lines: 7 },
      { where: 'x.ts:10', name: 'f', lines: 7 },
    ]);
    expect(longUnits('x.ts', text, 7)).toEqual([]);
  });

  it(`has no function, constructor, method or arrow over ${MAX_LINES} lines in ${FOLDERS.join('/ or ')}/`, () => {
    const files = FOLDERS.flatMap((folder) => sourceFiles(join(ROOT, folder)));
    expect(files.length).toBeGreaterThan(100);
    const offenders = files
      .flatMap((file) => longUnits(relative(ROOT, file), readFileSync(file, 'utf8'), MAX_LINES))
      .map((u) => `${u.lines} lines: ${u.name} at ${u.where}`);
    expect(offenders, `split these into smaller, well-named functions (at most ${MAX_LINES} lines each)`).toEqual([]);
  });
});
