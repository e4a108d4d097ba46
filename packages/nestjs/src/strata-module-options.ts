import type { FactoryProvider, ModuleMetadata } from '@nestjs/common';
import type { ConfigDefinition, Constructor, LoadOptions } from '@strata/core';
import type { ListenerErrorHandler } from '@strata/events';

/** What both `StrataModule.forRoot` and `StrataModule.forRootAsync` accept about the Nest side. */
export interface StrataModuleCommonOptions {
  /**
   * Register the module globally: every module of the application can inject the sections without importing
   * it. Otherwise import it where it is used (import the same `forRoot(...)` value everywhere to share one
   * configuration).
   * @default false
   */
  readonly isGlobal?: boolean;
  /**
   * Receives the error of a `Live<T>.subscribe` listener that throws or rejects.
   * @default `reportToConsole` from `@strata/events`
   */
  readonly onListenerError?: ListenerErrorHandler;
}

/** Options of `StrataModule.forRoot`: how to load the configuration (`loadConfig`'s options) and the Nest side. */
export interface StrataModuleOptions extends LoadOptions, StrataModuleCommonOptions {}

/** What the factory of `StrataModule.forRootAsync` returns: the definition and how to load it. */
export interface StrataModuleSetup {
  /** The sections and sources, as for `loadConfig`; its sections must be those of the `sections` option. */
  readonly definition: ConfigDefinition;
  /** `loadConfig`'s options (`watch`, `cwd`, `env`, …). @default {} */
  readonly options?: LoadOptions;
}

/** Options of `StrataModule.forRootAsync`. */
export interface StrataModuleAsyncOptions extends StrataModuleCommonOptions {
  /**
   * The definition's `@Section` classes. Nest must know every provider before the factory runs, so they are
   * listed here too; the definition the factory returns must have the same ones (bootstrap fails otherwise).
   */
  readonly sections: readonly Constructor[];
  /** Modules exporting the providers `inject` names. */
  readonly imports?: ModuleMetadata['imports'];
  /** The providers passed to `useFactory`, in order. */
  readonly inject?: FactoryProvider['inject'];
  /** Returns the definition and its load options; may be async. */
  readonly useFactory: (...args: never[]) => StrataModuleSetup | Promise<StrataModuleSetup>;
}
