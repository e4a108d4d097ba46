import { HttpProblem } from '../respond/http-problem.js';
import type { Route } from './route.js';

/** A route found for a path, with its parameter. */
export interface RouteMatch {
  readonly route: Route;
  readonly param: string;
}

/**
 * The route for a path below the prefix, or a 404. About fifteen fixed paths with at most one parameter:
 * a linear scan over split segments is all the routing needed, so no router dependency.
 */
export function matchRoute(routes: readonly Route[], path: string): RouteMatch {
  const segments = path.split('/').filter((segment) => segment.length > 0);
  for (const route of routes) {
    const pattern = route.path.split('/').filter((segment) => segment.length > 0);
    if (pattern.length !== segments.length) continue;
    let param = '';
    let matched = true;
    for (let i = 0; i < pattern.length; i++) {
      if (pattern[i] === '{param}') {
        try {
          param = decodeURIComponent(segments[i]!);
        } catch {
          throw new HttpProblem(400, 'MALFORMED_PATH', 'The path is not valid percent-encoding');
        }
      } else if (pattern[i] !== segments[i]) {
        matched = false;
        break;
      }
    }
    if (matched) return { route, param };
  }
  throw new HttpProblem(404, 'NOT_FOUND', 'No endpoint at this path; GET {prefix}/ lists them');
}
