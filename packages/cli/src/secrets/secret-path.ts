import { isUnsafeSegment } from '@strata/core/source';
import { CliError } from '../cli/cli-error.js';

/**
 * The segments of a dotted configuration path given on the command line (`database.password`,
 * `servers.0.token`). Empty segments and `__proto__`, `prototype` and `constructor` are usage errors.
 */
export function pathSegments(path: string): string[] {
  const segments = path.split('.');
  if (segments.some((segment) => segment.trim() === '')) {
    throw CliError.usage(`"${path}" is not a configuration path; write it dotted, e.g. database.password`);
  }
  const unsafe = segments.find((segment) => isUnsafeSegment(segment));
  if (unsafe !== undefined) throw CliError.usage(`"${unsafe}" cannot be a key in a configuration path`);
  return segments;
}
