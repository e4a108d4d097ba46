import type { InputLimits } from '@strata/core';
import type { Registry } from 'prom-client';
import type { AuditSink } from '../audit/audit-record.js';
import type { PollHealthProbe } from '../health/source-status-tracker.js';
import type { EnvironmentCatalog } from '../views/environments-view.js';
import type { TokenConfig } from './token-config.js';

/** Options of {@link createStrataHandler}. */
export interface StrataHttpOptions {
  /**
   * Where the surface lives: every path is under it (`/strata/config`, `/strata/ui`).
   * @default '/strata'
   */
  readonly prefix?: string;
  /**
   * The bearer tokens (`Authorization: Bearer <token>`), each with a name and a role. Off the loopback
   * interface nothing is served without one; writes always need an `operator` token.
   * @default [] (loopback reads only)
   */
  readonly tokens?: readonly TokenConfig[];
  /**
   * Let loopback requests without a token read (`GET`), as a developer's `curl localhost` does. Writes need
   * a token even then. @default true
   */
  readonly loopbackReads?: boolean;
  /**
   * Serve `/health/*` without a token from anywhere, for a Kubernetes probe that sends no header. They say
   * up/down, sources' names and their last errors (core's messages, no values). @default false
   */
  readonly publicHealth?: boolean;
  /**
   * Bounds of request bodies, as for every input route: `maxBytes` (a larger body is refused with 413 while
   * it is read), and core's `maxKeys`, `maxDepth`, `maxStringLength`.
   * @default { maxBytes: 65_536 } and core's defaults for the others
   */
  readonly limits?: Partial<InputLimits>;
  /**
   * Writes allowed per token: a bucket of `burst` refilled at `perSecond`; past it, 429 with `Retry-After`.
   * @default { burst: 10, perSecond: 1 }
   */
  readonly writeRate?: { readonly burst: number; readonly perSecond: number };
  /** Where audit records go (see `jsonLinesAuditSink`, `loggerAuditSink`). @default none */
  readonly audit?: AuditSink | readonly AuditSink[];
  /** A registry for the metrics; a new one by default (never prom-client's global registry). */
  readonly registry?: Registry;
  /**
   * The health of polled sources, by source name (`() => poller.health()` from core's polling kit), so that
   * readiness follows the poll loop rather than only failure events.
   */
  readonly sourceHealth?: Readonly<Record<string, PollHealthProbe>>;
  /** Other environments for the inspector's switcher (`GET /environments`). @default none (404) */
  readonly environments?: EnvironmentCatalog;
  /** Serve the web inspector at `{prefix}/ui`. @default true */
  readonly ui?: boolean;
  /** Interval of the SSE keep-alive comment, in ms. @default 15_000 */
  readonly keepAliveMs?: number;
  /** The clock (tests pass their own). @default Date.now */
  readonly now?: () => number;
}
