import { commandHelp, parseCommandArgs, suggest, synopsis, UsageError, type CliCommand, type CommandIo } from './command';
import { ACCESS } from './access-command';
import { DIFF } from './diff-command';
import { EXPORT } from './export-command';
import { VALIDATE } from './validate-command';

/** Every `lakehouse` command, in the order `lakehouse help` lists them. Add a command here. */
export const COMMANDS: readonly CliCommand[] = [VALIDATE, EXPORT, DIFF, ACCESS];

export const EXIT_CODES =
  'Exit codes: 0 success, 1 invalid input (or, for diff, a breaking change; for access, a violation), 2 usage error,\n' +
  '3 internal error (a bug in lakehouse: please report it with the message and the trace printed with it).';

/** `lakehouse help`: every command's synopsis and summary. */
export function usage(): string {
  const lines = COMMANDS.flatMap((c) => [`  ${synopsis(c)}`, `      ${c.summary}`]);
  return [
    'Usage: lakehouse <command> [options]',
    '',
    ...lines,
    '  lakehouse help [<command>]',
    '      Print this help, or one command’s (same as lakehouse <command> --help).',
    '',
    'Paths are relative to the current folder.',
    EXIT_CODES,
  ].join('\n');
}

const HELP = new Set(['help', '--help', '-h']);

/** Runs the CLI; returns the exit code. Never throws for bad input or bad usage. */
export function runCli(argv: readonly string[], io: CommandIo): number {
  const [name, ...rest] = argv;
  if (name !== undefined && HELP.has(name)) return help(rest, io);
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    const what =
      name === undefined
        ? 'missing command'
        : `unknown command '${name}'${suggest(
            name,
            COMMANDS.map((c) => c.name),
            '',
          )}`;
    io.err(`lakehouse: ${what}`);
    io.err(usage());
    return 2;
  }
  return runCommand(command, rest, io);
}

/** Runs one command: `--help`, argument checks (exit 2), then the command; a bug is exit 3 with its trace. */
export function runCommand(command: CliCommand, args: readonly string[], io: CommandIo): number {
  try {
    const values = parseCommandArgs(command, args);
    if (values === undefined) {
      io.out(commandHelp(command));
      return 0;
    }
    return command.run(values, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`lakehouse ${command.name}: ${e.message}`);
      if (e.showUsage) {
        io.err(`Usage: ${synopsis(command)}`);
        io.err(`Run 'lakehouse ${command.name} --help' for details.`);
      }
      return 2;
    }
    // Every expected failure is exit 1 or 2; anything else is a bug worth a trace.
    io.err(
      `lakehouse ${command.name}: internal error (a bug in lakehouse; please report it): ${e instanceof Error ? e.message : String(e)}`,
    );
    if (e instanceof Error && e.stack) io.err(e.stack);
    return 3;
  }
}

function help(args: readonly string[], io: CommandIo): number {
  const [topic, ...extra] = args;
  const command = COMMANDS.find((c) => c.name === topic);
  if (topic === undefined) io.out(usage());
  else if (command && extra.length === 0) io.out(commandHelp(command));
  else {
    io.err(`lakehouse help: unknown command '${args.join(' ')}'`);
    io.err(usage());
    return 2;
  }
  return 0;
}

if (require.main === module) {
  process.exitCode = runCli(process.argv.slice(2), {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  });
}
