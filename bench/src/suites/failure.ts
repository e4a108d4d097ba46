/** A measurement that could not be taken, with the reason shown in the report instead of a number. */
export interface Failure {
  readonly error: string;
}

/** Whether `value` is a {@link Failure}. */
export function isFailure(value: unknown): value is Failure {
  return typeof value === 'object' && value !== null && 'error' in value;
}

/** The first lines of an error, for the report. */
export function failureOf(error: unknown): Failure {
  const text = error instanceof Error ? error.message : String(error);
  return { error: text.split('\n').slice(0, 6).join(' ').slice(0, 400) };
}

/** Progress on stderr, so stdout carries only the result table. */
export function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}
