import {
  type DynamicModule,
  Inject,
  Module,
  type OnApplicationShutdown,
  type Provider,
} from '@nestjs/common';
import type { Config, ConfigDefinition, Constructor } from '@strata/core';
import type { LiveOptions } from '@strata/events';
import { configurationClassesOf } from './configuration-classes-of.js';
import { loadModuleConfig } from './load-module-config.js';
import { STRATA_CONFIG } from './strata-config-token.js';
import type {
  StrataModuleAsyncOptions,
  StrataModuleCommonOptions,
  StrataModuleOptions,
  StrataModuleSetup,
} from './strata-module-options.js';
import { strataProviders } from './strata-providers.js';

/** The module-private provider of what to load: the definition and `loadConfig`'s options. */
const STRATA_SETUP = Symbol('@strata/nestjs/setup');

/**
 * Strata's configuration in a Nest application. `StrataModule.forRoot(definition)` loads the configuration
 * while Nest bootstraps (an invalid one fails the bootstrap with the `ConfigValidationError` naming every
 * wrong key), then provides:
 *
 * - every section class and nested configuration class **by type**, transient: a singleton keeps the instance
 *   it was built with; request-scoped and transient consumers created after a reload get the new one;
 * - a `Live<T>` handle per class under `liveToken(cls)` (`@InjectLive(cls)`), for singletons that follow reloads;
 * - the `Config` by its class and under {@link STRATA_CONFIG}, and the `Snapshot` in effect (transient).
 *
 * The configuration is closed (watchers, pollers, sources) when the application shuts down.
 *
 * @example
 * ```ts
 * @Module({ imports: [StrataModule.forRoot(definition, { isGlobal: true, watch: true })] })
 * export class AppModule {}
 *
 * @Injectable()
 * export class UserService {
 *   constructor(private readonly db: DatabaseConfig) {}
 * }
 * ```
 */
@Module({})
export class StrataModule implements OnApplicationShutdown {
  readonly #config: Config;

  /** @internal Nest builds the module; use {@link StrataModule.forRoot} or {@link StrataModule.forRootAsync}. */
  constructor(@Inject(STRATA_CONFIG) config: Config) {
    this.#config = config;
  }

  /** A module that loads `definition` with `options` (`loadConfig`'s, plus `isGlobal` and `onListenerError`). */
  static forRoot(definition: ConfigDefinition, options: StrataModuleOptions = {}): DynamicModule {
    const { isGlobal, onListenerError, ...load } = options;
    const setup: StrataModuleSetup = { definition, options: load };
    return dynamicModule(
      configurationClassesOf(definition.sections),
      [{ provide: STRATA_SETUP, useValue: setup }],
      [],
      { isGlobal, onListenerError },
    );
  }

  /**
   * A module whose definition and load options come from a factory with injected dependencies (a secrets
   * client, another module's settings). `sections` lists the classes to provide, since Nest needs them before
   * the factory runs.
   */
  static forRootAsync(options: StrataModuleAsyncOptions): DynamicModule {
    const setup: Provider = {
      provide: STRATA_SETUP,
      useFactory: options.useFactory,
      inject: options.inject ?? [],
    };
    return dynamicModule(configurationClassesOf(options.sections), [setup], options.imports ?? [], options);
  }

  /**
   * Close the configuration. At shutdown rather than at module destruction: Nest runs every
   * `onModuleDestroy` and `beforeApplicationShutdown` hook first, and those may still read configuration.
   */
  async onApplicationShutdown(): Promise<void> {
    await this.#config.close();
  }
}

/**
 * The module both entry points return: the setup provider they differ by, the configuration loaded from it
 * (checked against the classes registered, since `forRootAsync` lists them apart), and the providers over it.
 */
function dynamicModule(
  classes: readonly Constructor[],
  setup: Provider[],
  imports: NonNullable<DynamicModule['imports']>,
  common: { readonly [K in keyof StrataModuleCommonOptions]: StrataModuleCommonOptions[K] | undefined },
): DynamicModule {
  const liveOptions: LiveOptions =
    common.onListenerError === undefined ? {} : { onListenerError: common.onListenerError };
  const { providers, exports } = strataProviders(classes, liveOptions);
  const config: Provider = {
    provide: STRATA_CONFIG,
    inject: [STRATA_SETUP],
    useFactory: (loaded: StrataModuleSetup) => loadModuleConfig(loaded, classes),
  };
  return {
    module: StrataModule,
    global: common.isGlobal ?? false,
    imports,
    providers: [...setup, config, ...providers],
    exports,
  };
}
