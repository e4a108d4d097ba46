/** Why a request was given up on before the SDK answered. */
export class RequestCancelledError extends Error {
  readonly reason: 'timeout' | 'aborted';
  readonly timeoutMs: number;

  constructor(reason: 'timeout' | 'aborted', timeoutMs: number) {
    super(reason === 'timeout' ? `no answer within ${timeoutMs} ms` : 'the request was cancelled');
    this.reason = reason;
    this.timeoutMs = timeoutMs;
  }
}

/**
 * Run `request` with an abort signal that fires after `timeoutMs` (0: never) or when any of `signals`
 * aborts. Rejects with {@link RequestCancelledError} at that moment, whether or not the SDK has noticed,
 * so a retry delay inside the SDK cannot hold the caller.
 */
export async function withTimeout<T>(
  request: (abortSignal: AbortSignal) => Promise<T>,
  options: { timeoutMs: number; signals: readonly AbortSignal[] },
): Promise<T> {
  const controller = new AbortController();
  let cancel: (error: RequestCancelledError) => void = () => {};
  const cancelled = new Promise<never>((_, reject) => {
    cancel = reject;
  });
  const abort = (reason: 'timeout' | 'aborted'): void => {
    if (controller.signal.aborted) return;
    const error = new RequestCancelledError(reason, options.timeoutMs);
    controller.abort(error);
    cancel(error);
  };
  const onAbort = (): void => abort('aborted');
  for (const signal of options.signals) {
    if (signal.aborted) abort('aborted');
    else signal.addEventListener('abort', onAbort, { once: true });
  }
  const timer = options.timeoutMs > 0 ? setTimeout(() => abort('timeout'), options.timeoutMs) : undefined;
  try {
    if (controller.signal.aborted) return await cancelled;
    const sent = request(controller.signal);
    // The SDK's own rejection after an abort is expected and must not surface as unhandled.
    sent.catch(() => {});
    return await Promise.race([sent, cancelled]);
  } finally {
    clearTimeout(timer);
    for (const signal of options.signals) signal.removeEventListener('abort', onAbort);
  }
}
