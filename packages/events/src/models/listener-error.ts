import type { ConfigEventType } from './config-event-type.js';

/** Which listener threw, and while delivering what. */
export interface ListenerErrorContext {
  /** The event being delivered, or `message` for a message arriving from a transport. */
  readonly event: ConfigEventType | 'message';
  /**
   * Who threw, as a short label: `on(changed)`, `onSectionChange(DatabaseConfig)`,
   * `Live<DatabaseConfig>.subscribe`, `forward(changed → config:changed)`, `publishTo(changed)`,
   * `receiveFrom`, `rebindOnChange`.
   */
  readonly listener: string;
}

/**
 * Receives the error of a listener that threw (or whose promise rejected). It is never re-thrown: the
 * configuration and the other listeners carry on.
 */
export type ListenerErrorHandler = (error: unknown, context: ListenerErrorContext) => void;

/** The default {@link ListenerErrorHandler}: one `console.error` line naming the listener and the event. */
export const reportToConsole: ListenerErrorHandler = (error, context) => {
  console.error(
    `[@strata/events] ${context.listener} threw while handling "${context.event}"; ` +
      'the configuration and the other listeners are unaffected.',
    error,
  );
};
