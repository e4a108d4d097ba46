import type { Change, Constructor } from '@strata/core';
import { StrataError } from '@strata/core';
import type { ConfigView } from '../models/config-view.js';

/**
 * The dotted path of a section or nested configuration class (`database`, `database.pool`). Throws a
 * `DEFINITION_INVALID` error for a class the configuration does not hold, at subscription time rather than
 * at the first change.
 */
export function sectionPathOf(config: ConfigView, cls: Constructor): string {
  const object = config.schema.objectOf(cls);
  if (!object || !config.snapshot.has(cls)) {
    throw new StrataError(
      'DEFINITION_INVALID',
      `${cls.name || 'This class'} is not a configuration class of this configuration; pass a @Section class ` +
        'listed in "sections" or a class nested in one (array item classes have no instance of their own)',
    );
  }
  return object.path;
}

/** The changes at `path` or below it. */
export function changesUnder(diff: readonly Change[], path: string): Change[] {
  const prefix = `${path}.`;
  return diff.filter((change) => change.path === path || change.path.startsWith(prefix));
}
