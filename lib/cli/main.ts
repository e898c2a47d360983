import { ACCESS_USAGE, accessCommand } from './access-command';
import { EXPORT_USAGE, runExport } from './export-command';
import { validateCommand, type CommandIo } from './validate-command';

export const USAGE = `Usage:
  lakehouse validate [--templates <dir>] [--environments <dir|file>]
  ${EXPORT_USAGE}
  ${ACCESS_USAGE}
  lakehouse help

Defaults: --templates table-templates, --environments environments (relative to the current folder).
Exit codes: 0 valid, 1 invalid input (one line per problem: <file>:<line>:<col>: <field>: <message>), 2 usage error.`;

type Flags = Record<string, string>;

class UsageError extends Error {}

function parseFlags(args: readonly string[], allowed: readonly string[]): Flags {
  const flags: Flags = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [name, inline] = arg.startsWith('--') ? arg.slice(2).split(/=(.*)/s, 2) : [undefined, undefined];
    if (name === undefined || !allowed.includes(name)) throw new UsageError(`unknown argument '${arg}'`);
    const value = inline ?? args[++i];
    if (value === undefined || value === '') throw new UsageError(`--${name} needs a value`);
    flags[name] = value;
  }
  return flags;
}

/** Runs the CLI; returns the exit code. Never throws for bad input or bad usage. */
export function runCli(argv: readonly string[], io: CommandIo): number {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'validate': {
        const flags = parseFlags(rest, ['templates', 'environments']);
        return validateCommand(flags.templates ?? 'table-templates', flags.environments ?? 'environments', io);
      }
      case 'export':
        return runExport(rest, io);
      case 'access':
        return accessCommand(rest, io);
      case 'help':
      case '--help':
      case '-h':
        io.out(USAGE);
        return 0;
      case undefined:
        throw new UsageError('missing command');
      default:
        throw new UsageError(`unknown command '${command}'`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`lakehouse: ${e.message}\n${USAGE}`);
      return 2;
    }
    io.err(`lakehouse: internal error: ${e instanceof Error ? e.message : String(e)}`);
    return 3;
  }
}

if (require.main === module) {
  process.exitCode = runCli(process.argv.slice(2), {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  });
}
