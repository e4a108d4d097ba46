import { ConfigValidationError, InputLimitError, StrataError, UnsafeKeyError } from '@strata/core';
import { HttpProblem } from '../respond/http-problem.js';

/**
 * The HTTP answer to an error from core: an invalid configuration is 422 with the usual problems (each
 * redacted by core), an unsafe key 400, an input past its limits 413, an unknown generation 404. Core's
 * messages never carry secret values; anything that is not a `StrataError` is reported without its message.
 */
export function problemFromError(error: unknown): HttpProblem {
  if (error instanceof HttpProblem) return error;
  if (ConfigValidationError.is(error)) {
    return new HttpProblem(
      422,
      error.code,
      'The change makes the configuration invalid; nothing was applied',
      {
        problems: (error as ConfigValidationError).issues,
      },
    );
  }
  if (UnsafeKeyError.is(error)) return new HttpProblem(400, error.code, error.message);
  if (InputLimitError.is(error)) return new HttpProblem(413, error.code, error.message);
  if (StrataError.is(error)) {
    if (error.code === 'UNKNOWN_GENERATION') return new HttpProblem(404, error.code, error.message);
    if (error.code === 'CLOSED') return new HttpProblem(503, error.code, error.message);
    return new HttpProblem(422, error.code, error.message);
  }
  return new HttpProblem(500, 'INTERNAL', 'The request failed inside the handler; see the application log');
}
