import { type Config, formatIssue, type Logger, loadConfig } from '@strata/core';
import { printable } from '@strata/core/source';
import type { LoadedDefinition } from './load-definition.js';

/** Options of {@link openConfig}. */
export interface OpenConfigOptions {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** `--env`; default as `loadConfig` resolves it. */
  readonly environment: string | undefined;
  /** Override the definition's `strict`. @default the definition's */
  readonly strict?: boolean;
  /** Start watching. @default false */
  readonly watch?: boolean;
  /** Enforce the validation rules. @default true */
  readonly validate?: boolean;
}

/** A loaded configuration and the notes its sources logged (migrated files, deprecated file names, …). */
export interface OpenedConfig {
  readonly config: Config;
  /** Warnings the engine logged that are not already among the snapshot's warnings. */
  readonly notes: readonly string[];
}

/**
 * `loadConfig` the way the CLI does it: the definition's sources, `argv: []` so the CLI's own flags never
 * reach an argv source, and a logger that keeps the warnings for the report. Throws what `loadConfig` throws.
 */
export async function openConfig(
  loaded: LoadedDefinition,
  options: OpenConfigOptions,
): Promise<OpenedConfig> {
  const logged: string[] = [];
  const logger: Logger = {
    debug() {},
    info() {},
    // A source may log a file name or key as it is: the notes are printed to a terminal.
    warn: (message) => logged.push(printable(message, true)),
    error: (message) => logged.push(printable(message, true)),
  };
  const definition =
    options.strict === undefined ? loaded.definition : { ...loaded.definition, strict: options.strict };
  const config = await loadConfig(definition, {
    cwd: options.cwd,
    env: options.env,
    argv: [],
    logger,
    ...(options.environment === undefined ? {} : { environment: options.environment }),
    ...(options.watch ? { watch: true } : {}),
    ...(options.validate === false ? { validate: false } : {}),
  });
  const known = new Set(config.warnings.map(formatIssue));
  return { config, notes: logged.filter((message) => !known.has(message)) };
}
