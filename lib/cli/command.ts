import { parseArgs } from 'node:util';
import { editDistance } from '../model/suggest';

export interface CommandIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

/** One option of a command: `--name <value>` (string) or a flag `--name` (boolean). */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  /** Placeholder shown in usage, e.g. `<dir>`. */
  readonly value?: string;
  readonly description: string;
  /** The value when the option is not given. @default - none */
  readonly default?: string;
  /** Allowed values of a string option, checked before the command runs. @default - any */
  readonly choices?: readonly string[];
  /** The command cannot run without it. @default false */
  readonly required?: boolean;
}

export type OptionValues = Readonly<Record<string, string | boolean | undefined>>;

/**
 * A `lakehouse` subcommand. Adding a command is writing one of these and listing it in
 * `COMMANDS` (lib/cli/main.ts); parsing, `--help` and usage errors come for free.
 */
export interface CliCommand {
  readonly name: string;
  /** One line for `lakehouse help`. */
  readonly summary: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** Paragraphs printed after the options in `lakehouse <command> --help` (exit codes, formats). */
  readonly details: string;
  /** Runs with parsed values (defaults applied); returns the exit code. */
  run(values: OptionValues, io: CommandIo): number;
}

/**
 * Bad usage: exit 2. `showUsage` adds the command's synopsis (argument mistakes); a problem with
 * what an argument names (a missing folder, an unknown git ref) is one line.
 */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly showUsage = false,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** `lakehouse export --environment <file> --out <dir> [--templates <dir>]`. */
export function synopsis(command: CliCommand): string {
  const parts = Object.entries(command.options).map(([name, o]) => {
    const text = o.type === 'boolean' ? `--${name}` : `--${name} ${o.value ?? '<value>'}`;
    return o.required ? text : `[${text}]`;
  });
  return ['lakehouse', command.name, ...parts].join(' ');
}

/** `lakehouse <command> --help`. */
export function commandHelp(command: CliCommand): string {
  const width = Math.max(...Object.entries(command.options).map(([n, o]) => `--${n} ${o.value ?? ''}`.length));
  const options = Object.entries(command.options).map(([name, o]) => {
    const head = `--${name} ${o.type === 'string' ? (o.value ?? '<value>') : ''}`.padEnd(width + 2);
    const tail = o.default === undefined ? '' : ` (default: ${o.default})`;
    return `  ${head}${o.description}${tail}`;
  });
  return [
    `Usage: ${synopsis(command)}`,
    '',
    command.summary,
    '',
    'Options:',
    ...options,
    '  --help, -h'.padEnd(width + 4) + 'Print this help',
    '',
    command.details,
  ].join('\n');
}

/**
 * Parses a command's arguments with `node:util` `parseArgs` (so `--flag value`, `--flag=value`
 * and `--` behave as in other Node CLIs), then checks them strictly with messages that say what
 * to change. Returns undefined when `--help` was asked for.
 */
export function parseCommandArgs(command: CliCommand, args: readonly string[]): OptionValues | undefined {
  const { tokens } = parseArgs({
    args: [...args],
    options: { help: { type: 'boolean', short: 'h' }, ...toParseArgs(command.options) },
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  if (tokens.some((t) => t.kind === 'option' && t.name === 'help')) return undefined;
  const values: Record<string, string | boolean | undefined> = {};
  for (const token of tokens) {
    if (token.kind === 'option-terminator') continue;
    if (token.kind === 'positional') throw new UsageError(`unexpected argument '${token.value}'`, true);
    const spec = command.options[token.name];
    if (!spec) throw new UsageError(`unknown option '${token.rawName}'${suggest(token.name, Object.keys(command.options))}`, true);
    if (values[token.name] !== undefined) throw new UsageError(`--${token.name} is given more than once`, true);
    values[token.name] = optionValue(token.name, spec, token.value, token.inlineValue === true);
  }
  const missing = Object.entries(command.options).filter(([name, o]) => o.required && values[name] === undefined);
  if (missing.length > 0)
    throw new UsageError(missing.map(([name, o]) => `--${name} ${o.value ?? '<value>'} is required`).join('; '), true);
  for (const [name, spec] of Object.entries(command.options)) values[name] ??= spec.default;
  return values;
}

function optionValue(name: string, spec: OptionSpec, value: string | undefined, inline: boolean): string | boolean {
  if (spec.type === 'boolean') {
    if (value !== undefined) throw new UsageError(`--${name} takes no value`, true);
    return true;
  }
  // Without `=`, a value starting with '-' is the next option: `--out --templates x` forgot the value.
  if (value === undefined || value === '' || (!inline && value.startsWith('-'))) throw new UsageError(`--${name} needs a value`, true);
  if (spec.choices && !spec.choices.includes(value)) {
    throw new UsageError(`--${name} '${value}' is not one of ${spec.choices.join(', ')}`, true);
  }
  return value;
}

function toParseArgs(options: Readonly<Record<string, OptionSpec>>): Record<string, { type: 'string' | 'boolean' }> {
  return Object.fromEntries(Object.entries(options).map(([name, o]) => [name, { type: o.type }]));
}

/** ` (did you mean --templates?)` for a near miss: one edit away, or a prefix. */
export function suggest(word: string, candidates: readonly string[], prefix = '--'): string {
  const near = candidates.find((c) => c.startsWith(word) || word.startsWith(c) || editDistance(word, c) <= 2);
  return near === undefined ? '' : ` (did you mean ${prefix}${near}?)`;
}
