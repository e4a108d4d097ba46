import type { Change } from '@strata/core';
import type { FlagInfo } from '../models/flag-info.js';

/** The flags whose value or rules a reload's diff touches, in declaration order. */
export function flagsChangedBy(flags: readonly FlagInfo[], diff: readonly Change[]): string[] {
  const paths = new Set(diff.map((change) => change.path));
  const touched = (path: string): boolean => {
    if (paths.has(path)) return true;
    // An object-valued flag or rule tree may be diffed key by key below its path.
    const prefix = `${path}.`;
    for (const changed of paths) if (changed.startsWith(prefix)) return true;
    return false;
  };
  return flags.filter((flag) => touched(flag.key) || touched(flag.rulesPath)).map((flag) => flag.key);
}
