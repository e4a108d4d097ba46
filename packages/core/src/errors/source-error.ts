import { StrataError } from './strata-error.js';

/** A source could not produce its layer (unreachable server, denied access, unreadable file). */
export class SourceError extends StrataError {
  static override readonly errorCode = 'SOURCE_FAILED' as const;

  /** The source's name. */
  readonly source: string;

  constructor(source: string, message: string, options?: { cause?: unknown }) {
    super('SOURCE_FAILED', `Source "${source}": ${message}`, options);
    this.source = source;
  }
}
