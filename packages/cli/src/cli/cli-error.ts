import { printable } from '@strata/core/source';
import { EXIT_PROBLEMS, EXIT_USAGE, type ExitCode } from './exit-codes.js';

/**
 * An error the CLI reports as a message and an exit code, without a stack trace: a usage mistake, a
 * definition that cannot be loaded, or a problem found in the configuration.
 */
export class CliError extends Error {
  readonly exitCode: ExitCode;

  constructor(exitCode: ExitCode, message: string, options?: { cause?: unknown }) {
    // Messages quote arguments, paths and file names: none may reach the terminal as a control sequence.
    super(printable(message, true), options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CliError';
    this.exitCode = exitCode;
  }

  /** A usage mistake or an unusable definition: exit code 2. */
  static usage(message: string, options?: { cause?: unknown }): CliError {
    return new CliError(EXIT_USAGE, message, options);
  }

  /** A problem found in the configuration or its files: exit code 1. */
  static problems(message: string, options?: { cause?: unknown }): CliError {
    return new CliError(EXIT_PROBLEMS, message, options);
  }
}
