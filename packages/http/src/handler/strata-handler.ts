import type { Registry } from 'prom-client';
import type { AccessCounter } from '../metrics/access-counter.js';

/** Where a request came from, as the server adapter knows it. */
export interface RequestInfo {
  /** The peer's address (`127.0.0.1`, `::1`, `10.0.0.7`); unknown means not loopback. */
  readonly remoteAddress?: string | undefined;
}

/** The operations surface as one Web-standard handler. Create it with `createStrataHandler`. */
export interface StrataHandler {
  /** The prefix every path lives under (`/strata`). */
  readonly prefix: string;
  /** Answer a request (any path: outside the prefix it is a 404). */
  fetch(request: Request, info?: RequestInfo): Promise<Response>;
  /** True when `pathname` is the prefix or below it: a framework adapter routes those here. */
  handles(pathname: string): boolean;
  /** The metrics registry (`GET /metrics` serves it; add the application's own metrics if you like). */
  readonly registry: Registry;
  /** Count section reads through live handles (`strata_section_reads_total`). */
  readonly access: AccessCounter;
  /** Stop following the configuration's events and end open event streams. */
  close(): void;
}
