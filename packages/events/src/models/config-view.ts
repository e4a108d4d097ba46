import type { Config } from '@strata/core';

/** The part of a {@link Config} the bridge reads: events, the snapshot in effect, the schema. */
export type ConfigView = Pick<Config, 'on' | 'snapshot' | 'schema'>;

/** Something configuration events can be subscribed on: a {@link Config}, or the bridge's relay. */
export type EventSource = Pick<Config, 'on'>;
