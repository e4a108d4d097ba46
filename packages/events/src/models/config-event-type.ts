import type { ConfigEvents } from '@strata/core';

/** The name of a configuration event: `changed`, `rejected`, `restartRequired`, `sourceFailed`, `sourceRecovered`. */
export type ConfigEventType = keyof ConfigEvents;

/** Every configuration event name, in a stable order. */
export const CONFIG_EVENT_TYPES: readonly ConfigEventType[] = Object.freeze([
  'changed',
  'rejected',
  'restartRequired',
  'sourceFailed',
  'sourceRecovered',
]);

/** True when `value` names a configuration event. */
export function isConfigEventType(value: unknown): value is ConfigEventType {
  return typeof value === 'string' && (CONFIG_EVENT_TYPES as readonly string[]).includes(value);
}
