import { formatOrigin } from '../models/origin.js';
import { type LayerKeys, mostlyUnknown } from './layer-keys.js';

/**
 * Why a source's new layer looks like corrupted content rather than an edit, or undefined when it does not.
 * The case in point: a half-written or garbage file often still parses (eight bytes of binary make a YAML
 * mapping with one junk key), and applying it would swap every value of that file back to its code default.
 *
 * Suspicious: no known key any more while there were some; most keys unknown while most were known; or most
 * known keys gone while unknown ones appeared. A plain deletion of keys (no new unknown ones) is an edit.
 */
export function suspiciousChange(before: LayerKeys, after: LayerKeys): string | undefined {
  // Lazily: a file origin's position is computed when its locator is first read.
  const example = (): string =>
    after.firstUnknown
      ? `; first unknown key ${JSON.stringify(after.firstUnknown.path.join('.'))} from ${formatOrigin(after.firstUnknown.origin)}`
      : '';
  if (after.known === 0 && before.known > 0) {
    const what =
      after.unknown === 0 ? 'no keys at all' : `${after.unknown} key(s), none of them in the schema`;
    return `it now has ${what} (it had ${before.known} known)${example()}`;
  }
  if (mostlyUnknown(after) && !mostlyUnknown(before)) {
    return `${after.unknown} of its ${after.known + after.unknown} keys are not in the schema (before: ${before.unknown})${example()}`;
  }
  if (after.unknown > before.unknown && after.known * 2 < before.known) {
    return `it lost ${before.known - after.known} of its ${before.known} known keys while unknown keys appeared${example()}`;
  }
  return undefined;
}
