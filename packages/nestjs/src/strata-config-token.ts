/**
 * The Nest injection token of the whole `Config`, for `@Inject(STRATA_CONFIG)` where a parameter cannot be
 * injected by its type (a second installed copy of `@strata/core` has a second `Config` class). It is the same
 * `Symbol.for` key as core's inversify identifier, so code shared between a Nest and an inversify container
 * names the configuration one way.
 */
export const STRATA_CONFIG: unique symbol = Symbol.for('@strata/core/Config');
