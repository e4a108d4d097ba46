/** Where an event feed writes: text to send, and the end of the stream. */
export interface FeedSink {
  send(text: string): void;
  end(): void;
}

/**
 * A body sent over time (`GET /events`): `open` starts it and returns the function that stops it, which the
 * adapter calls when the client goes away.
 */
export interface EventFeed {
  open(sink: FeedSink): () => void;
}

/**
 * What an endpoint answers, before any server's types: a status, lower-case headers and a body (text, bytes,
 * an event feed, or none). The Web adapter makes a `Response` of it, the `node:http` adapter writes it to the
 * `ServerResponse` directly; both send the same status, headers and bytes.
 */
export interface SurfaceAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | Uint8Array | EventFeed | null;
}
