import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commandHelp, type CliCommand } from '../../lib/cli/command';
import { COMMANDS, runCli, runCommand } from '../../lib/cli/main';
import { printProblems, type ReportedProblem } from '../../lib/cli/problem-output';
import { ENVIRONMENTS_DIR, TEMPLATES_DIR } from '../support/synth';

function capture(f: (io: { out: (l: string) => void; err: (l: string) => void }) => number): {
  code: number;
  out: string[];
  err: string[];
} {
  const out: string[] = [];
  const err: string[] = [];
  const code = f({ out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

const run = (args: string[]) => capture((io) => runCli(args, io));

describe('lakehouse help', () => {
  it.each(COMMANDS.map((c) => [c.name]))('lakehouse %s --help (and -h, and help %s) prints that command’s usage and exits 0', (name) => {
    const r = run([name, '--help']);
    expect(r.code).toBe(0);
    expect(r.err).toEqual([]);
    expect(r.out.join('\n')).toMatch(new RegExp(`^Usage: lakehouse ${name} `));
    expect(r.out.join('\n')).toMatch(/Exit codes: 0 .*\n?.*3 internal error/s);
    expect(run([name, '-h']).out).toEqual(r.out);
    expect(run(['help', name]).out).toEqual(r.out);
    // --help wins over anything else on the line, even an unknown option.
    expect(run([name, '--bogus', '--help']).code).toBe(0);
  });

  it('lakehouse help lists every command with its synopsis, and the exit codes', () => {
    const r = run(['help']);
    expect(r.code).toBe(0);
    const text = r.out.join('\n');
    for (const c of COMMANDS) expect(text).toContain(`  lakehouse ${c.name} `);
    expect(text).toContain('lakehouse diff --base <git-ref|dir> [--templates <dir>] [--format <text|json|github>] [--allow-breaking]');
    expect(text).toContain('3 internal error');
    expect(run(['--help']).out).toEqual(r.out);
  });

  it('lakehouse help <unknown> is a usage error', () => {
    expect(run(['help', 'nope']).code).toBe(2);
  });

  it('every option of every command is in its help, with its default', () => {
    for (const c of COMMANDS) {
      const help = commandHelp(c);
      for (const [name, o] of Object.entries(c.options)) {
        expect(help).toContain(`--${name}`);
        if (o.default !== undefined) expect(help).toContain(`(default: ${o.default})`);
      }
    }
  });
});

describe('exit code 3: a bug, never bad input', () => {
  const broken: CliCommand = {
    name: 'broken',
    summary: 'fails',
    options: {},
    details: '',
    run: () => {
      throw new TypeError('x is undefined');
    },
  };

  it('says it is a bug, prints the trace, and exits 3', () => {
    const r = capture((io) => runCommand(broken, [], io));
    expect(r.code).toBe(3);
    expect(r.err[0]).toBe('lakehouse broken: internal error (a bug in lakehouse; please report it): x is undefined');
    expect(r.err[1]).toMatch(/^TypeError: x is undefined\n\s+at /);
  });
});

describe('problems and warnings', () => {
  const error: ReportedProblem = { file: 't.yaml', line: 3, column: 5, field: 'columns[0].type', message: 'bad type' };
  const warning: ReportedProblem = {
    file: 'dev.yaml',
    line: 7,
    column: 3,
    field: 'storage',
    message: 'no access logs',
    severity: 'warning',
  };

  it('prints warnings as warnings, each problem once, and counts only errors', () => {
    const r = capture((io) => printProblems([error, warning, error, warning], io, 'nothing was synthesized.'));
    expect(r.code).toBe(1);
    expect(r.err).toEqual([
      't.yaml:3:5: columns[0].type: bad type',
      'warning: dev.yaml:7:3: storage: no access logs',
      '1 problem found (and 1 warning); nothing was synthesized.',
    ]);
    expect(r.err.join('\n')).not.toMatch(/\[ERROR\]/);
  });

  it('warnings alone do not fail', () => {
    const r = capture((io) => printProblems([warning], io, 'nothing was synthesized.'));
    expect(r).toEqual({ code: 0, out: [], err: ['warning: dev.yaml:7:3: storage: no access logs', '1 warning, no problems.'] });
  });
});

describe('an unusable --out', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lakehouse-cli-out-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is a usage error in one line, found before anything is written', () => {
    const file = join(dir, 'out.txt');
    writeFileSync(file, 'x');
    const r = run(['export', '--environment', join(ENVIRONMENTS_DIR, 'dev.yaml'), '--out', file, '--templates', TEMPLATES_DIR]);
    expect(r).toEqual({
      code: 2,
      out: [],
      err: [`lakehouse export: --out '${file}' is an existing file, not a folder; give a folder to write into`],
    });
  });

  it('where the file system refuses to create it: one line, exit 2, no hang', () => {
    // Under /proc, Node's recursive mkdir would loop forever (ENOENT under an existing folder).
    const r = run([
      'export',
      '--environment',
      join(ENVIRONMENTS_DIR, 'dev.yaml'),
      '--out',
      '/proc/lakehouse-cli-test',
      '--templates',
      TEMPLATES_DIR,
    ]);
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(
      /^lakehouse export: (cannot write to --out '\/proc\/lakehouse-cli-test'|--out '\/proc\/lakehouse-cli-test' cannot be created)/,
    );
  });
});
