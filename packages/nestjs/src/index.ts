/**
 * @strata/nestjs — Strata's configuration in NestJS: `StrataModule.forRoot(definition)` provides every section
 * class by type, `Live<T>` handles for singletons, and the `Config` itself, and closes the configuration when
 * the application shuts down.
 *
 * Everything public is listed here; anything not exported from this file is private.
 */

export { StrataModule } from './strata-module.js';
export type {
  StrataModuleAsyncOptions,
  StrataModuleCommonOptions,
  StrataModuleOptions,
  StrataModuleSetup,
} from './strata-module-options.js';
export { STRATA_CONFIG } from './strata-config-token.js';
export { liveToken } from './live-token.js';
export { InjectLive } from './inject-live.js';
/** The handle `@InjectLive(cls)` injects; re-exported so a Nest service needs one import. */
export type { Live } from '@strata/events';
