import type { Config } from '@strata/core';
import { configurationClasses } from '@strata/core';
import type { Container, ContainerModule } from 'inversify';
import { inversifyModule } from '../lazy-modules.js';
import type { Unsubscribe } from '@strata/core';
import { unsubscribeOnce } from '@strata/core/source';
import type { LiveOptions } from './create-live.js';
import { LiveHandle } from './create-live.js';
import { liveIdentifier } from './live-identifier.js';

/**
 * An inversify module binding, for every section class and nested configuration class, a {@link Live}
 * handle under {@link liveIdentifier}`(cls)`. Unloading the module drops the handles' subscribers.
 *
 * @example
 * ```ts
 * container.load(strataModule(config), liveModule(config));
 *
 * @injectable()
 * class Pool {
 *   constructor(@inject(liveIdentifier(DatabaseConfig)) private readonly db: Live<DatabaseConfig>) {}
 * }
 * ```
 */
export function liveModule(config: Config, options: LiveOptions = {}): ContainerModule {
  const { ContainerModule } = inversifyModule();
  return new ContainerModule(({ bind }) => {
    for (const cls of configurationClasses(config.schema)) {
      bind(liveIdentifier(cls))
        .toConstantValue(new LiveHandle(config, cls, options))
        .onDeactivation((handle) => {
          (handle as LiveHandle<object>).close();
        });
    }
  });
}

/**
 * Load {@link liveModule} into a container; the returned function unloads it (unbinding the handles and
 * dropping their subscribers).
 */
export function bindLive(container: Container, config: Config, options: LiveOptions = {}): Unsubscribe {
  const module = liveModule(config, options);
  container.load(module);
  return unsubscribeOnce(() => {
    container.unload(module);
  });
}
