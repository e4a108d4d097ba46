/**
 * `@strata/flags/openfeature` — Strata's flags as an OpenFeature server provider. Its own entry, so that
 * `@strata/flags` never loads `@openfeature/server-sdk` (an optional peer dependency).
 */
export type { StrataProviderOptions } from './strata-provider.js';
export { StrataProvider } from './strata-provider.js';
