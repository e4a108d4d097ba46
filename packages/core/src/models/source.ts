import type { Layer } from './layer.js';
import type { Logger } from './logger.js';
import type { FieldSchema, SchemaModel } from './schema-model.js';

/** Something that can be stopped. */
export interface Disposable {
  dispose(): void;
}

/** What a source is told when it loads. */
export interface SourceContext {
  /** The environment name (`production`, `development`, …). */
  readonly environment: string;
  /** The schema read from the section classes: paths, types, `@Env` names, secrets. */
  readonly schema: SchemaModel;
  /** Aborted when the configuration is closed or the load is abandoned. Pass it to every request. */
  readonly signal: AbortSignal;
  readonly logger: Logger;
  /** The working directory relative paths resolve against. */
  readonly cwd: string;
  /** The environment variables to read (defaults to `process.env`; tests pass their own). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The command-line arguments to read (defaults to `process.argv.slice(2)`). */
  readonly argv: readonly string[];
}

/** Why a source asks for a reload. */
export interface ChangeReason {
  /** The source's name. */
  readonly source: string;
  /** A short human description: `config/production.yaml changed`, `secret/app v8`. */
  readonly detail: string;
}

/** Reports from a source to the engine while it runs (failures of background work). */
export interface SourceSignals {
  /** Something changed: load this source again. */
  changed(reason: ChangeReason): void;
  /** Background work (a poll, a token renewal) failed; the last good values stay. */
  failed(error: Error, willRetry: boolean): void;
  /** Background work works again after a failure. */
  recovered(): void;
}

/**
 * A configuration source. Sources are created by lowercase factories (`fileSource({ dir })`) and listed in
 * the definition's `sources` array; the order is the precedence, later wins.
 */
export interface ConfigSource {
  /** Unique within one configuration: `'file'`, `'env'`, `'vault:secret/app'`. */
  readonly name: string;
  /**
   * Start without this source when it fails at start-up (reported as `sourceFailed`), instead of failing
   * the whole load. Default false: fail fast.
   */
  readonly optional?: boolean;
  /**
   * This source's answer to `LoadOptions.suspiciousReloads`, which it takes precedence over. The check guards
   * against files and stores whose content turns into junk; a source whose content is set deliberately by
   * code (a test's controllable source, an in-memory store) says `'apply'`, so emptying it is a change like
   * any other. Default: the load option.
   */
  readonly suspiciousReloads?: 'reject' | 'apply';
  /**
   * Whether this source's string values are templates (`${database.host}`, `${env:NAME}`, `${file:path}`,
   * `$${` for a literal). Default: true for the local kinds an operator writes (`file`, `env`, `dotenv`,
   * `argv`, `defaults`, judged by the part of the name before `:`), false for every other source (Vault, SSM,
   * plugins), whose values may contain `${` that nobody meant as a reference. Any source may still be
   * referred to.
   */
  readonly interpolate?: boolean;
  /** Produce the source's current layer. Throw a {@link SourceError} (or a `ParseError`) on failure. */
  load(context: SourceContext): Promise<Layer>;
  /** Start watching or polling; call `signals.changed` when the source should be loaded again. */
  watch?(context: SourceContext, signals: SourceSignals): Disposable;
  /**
   * How this source could set a field, for "is required" hints and docs: `env APP_DATABASE__PASSWORD`,
   * `database.password in config/production.yaml`. Undefined when it cannot.
   */
  describe?(field: FieldSchema, context: SourceContext): string | undefined;
  /**
   * The environment names this source has specific values for (a file source's `production.yaml` gives
   * `production`), so `strata validate --all-envs` can check each one.
   */
  environments?(context: SourceContext): Promise<readonly string[]>;
  /** Release clients, timers and handles. */
  dispose?(): Promise<void>;
}
