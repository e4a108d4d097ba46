import type { InputLimits } from '../models/input-limits.js';
import { StrataError } from './strata-error.js';

/** What each limit counts, for messages. */
const counted: Readonly<Record<keyof InputLimits, string>> = {
  maxBytes: 'is larger than',
  maxKeys: 'has more keys than',
  maxDepth: 'nests deeper than',
  maxStringLength: 'holds a key or string longer than',
};

const units: Readonly<Record<keyof InputLimits, string>> = {
  maxBytes: ' bytes',
  maxKeys: '',
  maxDepth: ' levels',
  maxStringLength: ' characters',
};

/**
 * An input (a file, a variable's JSON text) went past one of the {@link InputLimits}. The message names the
 * input, the limit and how to raise it; reading stopped there, so nothing of the input was used.
 */
export class InputLimitError extends StrataError {
  static override readonly errorCode = 'INPUT_LIMIT' as const;

  /** The file (as shown in origins) or the variable, flag or value the input came from. */
  readonly input: string;
  /** The limit that was reached. */
  readonly limit: keyof InputLimits;
  /** Its value. */
  readonly max: number;

  constructor(fields: {
    input: string;
    limit: keyof InputLimits;
    max: number;
    /** Where the `limits` option goes for this input: `fileSource`, `dotenvSource`, `parseConfigFile`. */
    raise: string;
  }) {
    super(
      'INPUT_LIMIT',
      `${fields.input} ${counted[fields.limit]} the limit of ${fields.max}${units[fields.limit]} (limits.${fields.limit}); if it is genuine, raise it with ${fields.raise}({ …, limits: { ${fields.limit}: … } })`,
    );
    this.input = fields.input;
    this.limit = fields.limit;
    this.max = fields.max;
  }
}
