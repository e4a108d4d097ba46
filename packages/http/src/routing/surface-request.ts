/**
 * A request as the endpoints see it, whichever server it came through: the Web adapter wraps a `Request`,
 * the `node:http` adapter an `IncomingMessage`, and nothing else of either reaches the handling core.
 */
export interface SurfaceRequest {
  /** `GET`, `HEAD`, `POST`, … as sent. */
  readonly method: string;
  /** The path and query (the host is not used for anything). */
  readonly url: URL;
  /** A header's value (`name` lower-case), or undefined when absent. */
  header(name: string): string | undefined;
  /**
   * The whole body, counted while it is read: `null` as soon as it passes `maxBytes` (the rest is never held),
   * an empty array when there is none.
   */
  readBody(maxBytes: number): Promise<Uint8Array | null>;
}
