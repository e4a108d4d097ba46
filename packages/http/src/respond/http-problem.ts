import type { Issue } from '@strata/core';

/**
 * A request the handler refuses, with the status and the stable error body every endpoint answers with:
 * `{ "error": { "status", "code", "message", "problems"? } }`. Messages name the problem and never echo a
 * value from the request.
 */
export class HttpProblem extends Error {
  readonly status: number;
  readonly code: string;
  readonly problems: readonly Issue[] | undefined;
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    status: number,
    code: string,
    message: string,
    extra: { problems?: readonly Issue[]; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'HttpProblem';
    this.status = status;
    this.code = code;
    this.problems = extra.problems;
    this.headers = extra.headers ?? {};
  }
}
