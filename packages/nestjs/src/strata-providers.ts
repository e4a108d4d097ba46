import { type DynamicModule, type FactoryProvider, type Provider, Scope } from '@nestjs/common';
import { Config, type Constructor, Snapshot } from '@strata/core';
import { createLive, type LiveOptions } from '@strata/events';
import { liveToken } from './live-token.js';
import { STRATA_CONFIG } from './strata-config-token.js';

/**
 * The providers every `StrataModule` registers over a loaded `Config` (provided under {@link STRATA_CONFIG}):
 * the configuration by its class, each configuration class by type, a `Live<T>` handle per class, and the
 * `Snapshot` in effect. Returns them with the tokens the module exports.
 */
export function strataProviders(
  classes: readonly Constructor[],
  liveOptions: LiveOptions,
): { providers: Provider[]; exports: NonNullable<DynamicModule['exports']> } {
  const inject = [STRATA_CONFIG];
  const providers: Provider[] = [
    { provide: Config, useExisting: STRATA_CONFIG },
    // Transient, like the sections: each consumer built gets the snapshot in effect at that moment.
    { provide: Snapshot, scope: Scope.TRANSIENT, inject, useFactory: (config: Config) => config.snapshot },
  ];
  for (const cls of classes) {
    // Transient rather than request-scoped: a request-scoped provider would make every consumer request-scoped
    // (Nest's scope bubbles up), whereas a transient one is resolved anew for each consumer instance. A singleton
    // then keeps what it got at bootstrap, and request-scoped and transient consumers created after a reload get
    // the new snapshot's instance — the same contract as core's inversify module.
    const section: FactoryProvider = {
      provide: cls,
      scope: Scope.TRANSIENT,
      inject,
      useFactory: (config: Config) => config.snapshot.get(cls),
    };
    const live: FactoryProvider = {
      provide: liveToken(cls),
      inject,
      useFactory: (config: Config) => createLive(config, cls, liveOptions),
    };
    providers.push(section, live);
  }
  const exports = [STRATA_CONFIG, Config, Snapshot, ...classes, ...classes.map(liveToken)];
  return { providers, exports };
}
