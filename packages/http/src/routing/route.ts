import type { Principal } from '../auth/token-store.js';
import type { SurfaceAnswer } from '../respond/surface-answer.js';
import type { SurfaceRequest } from './surface-request.js';

/** An HTTP method the surface answers. */
export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** What an endpoint receives. */
export interface RouteContext {
  readonly request: SurfaceRequest;
  readonly url: URL;
  /** The path parameter (`/config/{path}` → `server.port`), decoded; '' for routes without one. */
  readonly param: string;
  readonly principal: Principal;
}

/** One path of the surface and its methods. `{param}` matches one segment. */
export interface Route {
  /** Below the prefix: `/config`, `/config/{param}`. */
  readonly path: string;
  readonly methods: Partial<
    Record<Method, (context: RouteContext) => Promise<SurfaceAnswer> | SurfaceAnswer>
  >;
  /** Served without a token to anyone when the handler's `publicHealth` is on. */
  readonly health?: boolean;
}
