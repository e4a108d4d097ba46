import { StrataError } from '@strata/core';
import type { ConfigEventType } from './config-event-type.js';
import { CONFIG_EVENT_TYPES, isConfigEventType } from './config-event-type.js';

/** The `events` option checked: every name known (a typo would otherwise silently forward nothing). */
export function eventTypesOption(
  events: readonly ConfigEventType[] | undefined,
  option: string,
): readonly ConfigEventType[] {
  if (events === undefined) return CONFIG_EVENT_TYPES;
  for (const type of events) {
    if (!isConfigEventType(type)) {
      throw new StrataError(
        'DEFINITION_INVALID',
        `${option}: "${String(type)}" is not a configuration event; use one of ${CONFIG_EVENT_TYPES.join(', ')}`,
      );
    }
  }
  return events;
}
