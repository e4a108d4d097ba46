import type { CliIO } from './cli-io.js';

/** One command-line option, as `node:util` `parseArgs` takes it, plus its help text. */
export interface OptionSpec {
  /** A flag (`boolean`) or an option with a value (`string`). */
  readonly type: 'string' | 'boolean';
  /** A one-letter alias (`h` for `-h`). */
  readonly short?: string;
  /** May be given several times (`--env a --env b`). @default false */
  readonly multiple?: boolean;
  /** Shown by `--help`. */
  readonly description: string;
  /** The value's placeholder in help. @default '<value>' */
  readonly valueName?: string;
}

/** The parsed options of one invocation. */
export type OptionValues = {
  readonly [name: string]: string | boolean | readonly (string | boolean)[] | undefined;
};

/** What a command's `run` receives. */
export interface CommandInput {
  /** Output, environment variables and working directory of the invocation. */
  readonly io: CliIO;
  /** The options given, by long name. */
  readonly values: OptionValues;
  /** Positional arguments after the command name. */
  readonly positionals: readonly string[];
}

/**
 * One `strata` command. A command group (`strata secrets …`) is a command with `subcommands` and no `run`:
 * adding one is a file exporting it plus its line in the registry.
 */
export interface Command {
  /** The word that selects it: `validate`. */
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** The arguments part of the usage line: `<path> [options]`. */
  readonly usage: string;
  /** Longer help shown after the usage line. */
  readonly details?: string;
  /** Options besides the common `--cwd`, `--config` and `--help`. */
  readonly options: { readonly [name: string]: OptionSpec };
  /** The command does not load a definition, so `--config` does not apply. @default false */
  readonly noDefinition?: boolean;
  /** Run it; resolves to the exit code. Throw a `CliError` for usage and definition errors. */
  readonly run?: (input: CommandInput) => Promise<number>;
  /** For a command group: its commands. */
  readonly subcommands?: readonly Command[];
}
