/** Service identifier of the whole {@link Config} in an inversify container. */
export const STRATA_CONFIG: unique symbol = Symbol.for('@strata/core/Config');

/** Service identifier of the {@link Snapshot} current at resolution time. */
export const STRATA_SNAPSHOT: unique symbol = Symbol.for('@strata/core/Snapshot');
