import type { ConfigEventType } from '../models/config-event-type.js';
import type { EventNameMap } from './forward-options.js';

/** The target name of an event under `map`, or `undefined` when the map leaves it out. */
export function eventNameOf(type: ConfigEventType, map: EventNameMap | undefined): string | undefined {
  if (map === undefined) return type;
  if (typeof map === 'function') return map(type);
  return Object.hasOwn(map, type) ? map[type] : type;
}
