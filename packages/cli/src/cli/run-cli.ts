import { parseArgs } from 'node:util';
import { StrataError } from '@strata/core';
import { printable } from '@strata/core/source';
import { didYouMean } from '@strata/core/source';
import { commands as registry } from '../commands/registry.js';
import { CliError } from './cli-error.js';
import type { CliIO } from './cli-io.js';
import { cliVersion } from './cli-version.js';
import type { Command, OptionValues } from './command.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE } from './exit-codes.js';
import { commandHelp, commandList, optionsOf } from './help-text.js';

/**
 * Run one `strata` invocation and resolve to its exit code. Never throws: usage and definition errors are
 * printed to standard error with exit code 2, problems found with exit code 1.
 *
 * @param argv The arguments after `strata` (`['validate', '--env', 'production']`).
 */
export async function runCli(
  argv: readonly string[],
  io: CliIO,
  commands: readonly Command[] = registry,
): Promise<number> {
  try {
    return await dispatch(argv, io, commands);
  } catch (error) {
    return report(error, io);
  }
}

async function dispatch(argv: readonly string[], io: CliIO, commands: readonly Command[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.stderr(globalHelp(commands));
    return EXIT_USAGE;
  }
  if (first === '--help' || first === '-h') {
    io.stdout(globalHelp(commands));
    return EXIT_OK;
  }
  if (first === '--version' || first === '-v') {
    io.stdout(`${cliVersion()}\n`);
    return EXIT_OK;
  }
  if (first === 'help') {
    const [command, prefix] = rest.length === 0 ? [undefined, 'strata'] : find(commands, rest, 'strata');
    io.stdout(command ? commandHelp(command, prefix) : globalHelp(commands));
    return EXIT_OK;
  }
  return runCommand(commands, argv, io, 'strata');
}

async function runCommand(
  commands: readonly Command[],
  argv: readonly string[],
  io: CliIO,
  prefix: string,
): Promise<number> {
  const [name, ...rest] = argv;
  const command = lookup(commands, name ?? '', prefix);
  if (command.subcommands && !command.run) {
    const next = rest[0];
    if (next === undefined || next.startsWith('-')) {
      const help = commandHelp(command, prefix);
      if (next === '--help' || next === '-h') {
        io.stdout(help);
        return EXIT_OK;
      }
      io.stderr(help);
      return EXIT_USAGE;
    }
    return runCommand(command.subcommands, rest, io, `${prefix} ${command.name}`);
  }
  const { values, positionals } = parse(command, rest, prefix);
  if (values.help === true) {
    io.stdout(commandHelp(command, prefix));
    return EXIT_OK;
  }
  if (!command.run) throw CliError.usage(`"${prefix} ${command.name}" cannot be run by itself`);
  return command.run({ io, values, positionals });
}

function parse(
  command: Command,
  args: readonly string[],
  prefix: string,
): { values: OptionValues; positionals: string[] } {
  const options = Object.fromEntries(
    Object.entries(optionsOf(command)).map(([name, spec]) => [
      name,
      {
        type: spec.type,
        ...(spec.short ? { short: spec.short } : {}),
        ...(spec.multiple ? { multiple: true } : {}),
      },
    ]),
  );
  try {
    const parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
    return { values: parsed.values as OptionValues, positionals: parsed.positionals };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw CliError.usage(`${message}\nSee "${prefix} ${command.name} --help".`, { cause: error });
  }
}

function lookup(commands: readonly Command[], name: string, prefix: string): Command {
  const command = commands.find((c) => c.name === name);
  if (command) return command;
  const suggestion = didYouMean(
    name,
    commands.map((c) => c.name),
  );
  const hint = suggestion ? ` Did you mean "${suggestion}"?` : '';
  throw CliError.usage(`unknown command "${name}".${hint} See "${prefix} --help".`);
}

function find(commands: readonly Command[], words: readonly string[], prefix: string): [Command, string] {
  let list = commands;
  let current: Command | undefined;
  let currentPrefix = prefix;
  for (const word of words) {
    if (current) currentPrefix = `${currentPrefix} ${current.name}`;
    current = lookup(list, word, currentPrefix);
    list = current.subcommands ?? [];
  }
  return [current!, currentPrefix];
}

function globalHelp(commands: readonly Command[]): string {
  return [
    'Usage: strata <command> [options]',
    '',
    "Checks, explains and documents a Strata configuration from the application's definition",
    '(strata.config.mjs or strata.config.js).',
    '',
    'Commands:',
    ...commandList(commands),
    '',
    'Run "strata <command> --help" for a command\'s options.',
    'Exit codes: 0 ok, 1 problems found (invalid configuration), 2 usage or definition error',
    '',
  ].join('\n');
}

function report(error: unknown, io: CliIO): number {
  if (error instanceof CliError) {
    io.stderr(`strata: ${error.message}\n`);
    return error.exitCode;
  }
  if (StrataError.is(error)) {
    io.stderr(`strata: ${error.message}\n`);
    return error.code === 'DEFINITION_INVALID' ? EXIT_USAGE : EXIT_PROBLEMS;
  }
  const text = error instanceof Error ? (io.env.STRATA_DEBUG ? error.stack : error.message) : String(error);
  const detail = printable(text ?? '', true);
  io.stderr(`strata: unexpected error: ${detail}\n(set STRATA_DEBUG=1 for the stack trace)\n`);
  return EXIT_USAGE;
}
