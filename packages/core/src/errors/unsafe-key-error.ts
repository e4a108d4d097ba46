import { formatOrigin, type Origin } from '../models/origin.js';
import { StrataError } from './strata-error.js';

/** A source tried to set a `__proto__`, `prototype` or `constructor` segment. */
export class UnsafeKeyError extends StrataError {
  static override readonly errorCode = 'UNSAFE_KEY' as const;

  readonly segment: string;
  readonly origin: Origin;

  constructor(segment: string, path: readonly string[], origin: Origin) {
    super(
      'UNSAFE_KEY',
      `Refusing key "${path.join('.')}" from ${formatOrigin(origin)}: the segment "${segment}" could pollute object prototypes`,
    );
    this.segment = segment;
    this.origin = origin;
  }
}
