/** The part of an SDK command this needs: its middleware stack (structural, so no `@smithy/types` import). */
export interface ObservableCommand {
  readonly middlewareStack: {
    add(
      middleware: (next: (args: never) => Promise<unknown>) => (args: never) => Promise<unknown>,
      options: { step: 'finalizeRequest'; priority: 'low'; name: string },
    ): void;
  };
}

/** What the attempts of one request have seen so far: how many ran, and how the last one failed. */
export class AttemptObserver {
  attempts = 0;
  lastError: unknown = undefined;

  /**
   * Watch every attempt of `command`. The middleware sits inside the SDK's retry loop (step
   * `finalizeRequest`, low priority: after `retryMiddleware`) and outside the deserializer, so it sees each
   * attempt's parsed error. Added to the command, never to the client: a client the user passed in is not
   * changed behind their back.
   */
  watch<C extends ObservableCommand>(command: C): C {
    command.middlewareStack.add(
      (next) => async (args) => {
        this.attempts += 1;
        try {
          return await next(args);
        } catch (error) {
          this.lastError = error;
          throw error;
        }
      },
      { step: 'finalizeRequest', priority: 'low', name: 'strataAttemptObserver' },
    );
    return command;
  }
}
