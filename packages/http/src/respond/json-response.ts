import { HttpProblem } from './http-problem.js';

/**
 * Headers on every answer: JSON is never sniffed as something else, never cached (it is the live
 * configuration), and no cookie is ever set.
 */
const COMMON_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
} as const;

/** A JSON answer (`application/json`, or `application/health+json` for the health endpoints). */
export function jsonResponse(
  body: unknown,
  init: { status?: number; type?: string; headers?: Record<string, string> } = {},
): Response {
  return new Response(`${JSON.stringify(body)}\n`, {
    status: init.status ?? 200,
    headers: {
      ...COMMON_HEADERS,
      'content-type': `${init.type ?? 'application/json'}; charset=utf-8`,
      ...init.headers,
    },
  });
}

/** A JSON answer whose text is already serialised (a cached view). */
export function rawJsonResponse(text: string): Response {
  return new Response(`${text}\n`, {
    status: 200,
    headers: { ...COMMON_HEADERS, 'content-type': 'application/json; charset=utf-8' },
  });
}

/** The stable error body of an {@link HttpProblem}. */
export function problemResponse(problem: HttpProblem): Response {
  const error: Record<string, unknown> = {
    status: problem.status,
    code: problem.code,
    message: problem.message,
  };
  if (problem.problems) error['problems'] = problem.problems;
  return jsonResponse({ error }, { status: problem.status, headers: { ...problem.headers } });
}

/** Any other bytes (the inspector's files, the metrics text) with the common headers. */
export function bytesResponse(
  body: string | Uint8Array,
  type: string,
  headers: Record<string, string> = {},
): Response {
  return new Response(body, {
    status: 200,
    headers: { ...COMMON_HEADERS, 'content-type': type, ...headers },
  });
}

export { HttpProblem };
