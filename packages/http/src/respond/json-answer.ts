import { HttpProblem } from './http-problem.js';
import type { SurfaceAnswer } from './surface-answer.js';

/**
 * Headers on every answer: JSON is never sniffed as something else, never cached (it is the live
 * configuration), and no cookie is ever set.
 */
const COMMON_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
} as const;

/** A JSON answer (`application/json`, or `application/health+json` for the health endpoints). */
export function jsonAnswer(
  body: unknown,
  init: { status?: number; type?: string; headers?: Record<string, string> } = {},
): SurfaceAnswer {
  return {
    status: init.status ?? 200,
    headers: {
      ...COMMON_HEADERS,
      'content-type': `${init.type ?? 'application/json'}; charset=utf-8`,
      ...init.headers,
    },
    body: `${JSON.stringify(body)}\n`,
  };
}

const RAW_JSON_HEADERS = { ...COMMON_HEADERS, 'content-type': 'application/json; charset=utf-8' };

/** A JSON answer whose text is already serialised, newline included (a cached view). */
export function rawJsonAnswer(text: string): SurfaceAnswer {
  return { status: 200, headers: RAW_JSON_HEADERS, body: text };
}

/** The stable error body of an {@link HttpProblem}. */
export function problemAnswer(problem: HttpProblem): SurfaceAnswer {
  const error: Record<string, unknown> = {
    status: problem.status,
    code: problem.code,
    message: problem.message,
  };
  if (problem.problems) error['problems'] = problem.problems;
  return jsonAnswer({ error }, { status: problem.status, headers: { ...problem.headers } });
}

/** Any other bytes (the inspector's files, the metrics text, an event feed) with the common headers. */
export function bytesAnswer(
  body: SurfaceAnswer['body'],
  type: string,
  headers: Record<string, string> = {},
): SurfaceAnswer {
  return { status: 200, headers: { ...COMMON_HEADERS, 'content-type': type, ...headers }, body };
}

export { HttpProblem };
