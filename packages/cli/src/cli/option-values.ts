import { resolve } from 'node:path';
import { CliError } from './cli-error.js';
import type { CommandInput, OptionValues } from './command.js';

/** A string option, or undefined when absent. */
export function stringOption(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

/** Every value of a repeatable string option, in order. */
export function stringsOption(values: OptionValues, name: string): string[] {
  const value = values[name];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' ? [value] : [];
}

/** A boolean flag. */
export function flagOption(values: OptionValues, name: string): boolean {
  return values[name] === true;
}

/** A repeatable option that the command accepts at most once. */
export function singleOption(values: OptionValues, name: string): string | undefined {
  const all = stringsOption(values, name);
  if (all.length > 1) throw CliError.usage(`--${name} may be given only once for this command`);
  return all[0];
}

/** `--format`, checked against the choices; the first choice is the default. */
export function formatChoice<T extends string>(values: OptionValues, choices: readonly T[]): T {
  const given = stringOption(values, 'format');
  if (given === undefined) return choices[0]!;
  const match = choices.find((choice) => choice === given);
  if (!match) throw CliError.usage(`--format must be one of ${choices.join(', ')} (got "${given}")`);
  return match;
}

/** The directory the command works in: `--cwd` resolved against the process's working directory. */
export function workingDirectory(input: CommandInput): string {
  return resolve(input.io.cwd, stringOption(input.values, 'cwd') ?? '.');
}

/** Fails with a usage error when positionals were given to a command that takes none. */
export function noPositionals(input: CommandInput): void {
  if (input.positionals.length > 0) {
    throw CliError.usage(`unexpected argument "${input.positionals[0]}"`);
  }
}
