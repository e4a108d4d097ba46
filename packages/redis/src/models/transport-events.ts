/** `transportFailed`: Redis could not be reached (at start-up or later); instances poll on their own meanwhile. */
export interface TransportFailedEvent {
  readonly type: 'transportFailed';
  /** The client's message (host and port; never a password). */
  readonly error: Error;
  /** True: the transport keeps reconnecting with backoff. */
  readonly willRetry: boolean;
}

/** `transportRecovered`: connected again; the stream is read on from the last id seen. */
export interface TransportRecoveredEvent {
  readonly type: 'transportRecovered';
  /** The stream id reading resumes after. */
  readonly resumeAfter: string;
}

/** The transport's own events, by name. */
export interface TransportEvents {
  transportFailed: TransportFailedEvent;
  transportRecovered: TransportRecoveredEvent;
}
