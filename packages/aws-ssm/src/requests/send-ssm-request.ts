import type { SSMClient } from '@aws-sdk/client-ssm';
import { describeSsmError, type SsmRequestDescription } from './describe-ssm-error.js';
import { withTimeout } from './with-timeout.js';

/** What every SSM request of one read shares. */
export interface SsmReadContext {
  /** The source's name, for errors. */
  readonly source: string;
  readonly client: SSMClient;
  readonly withDecryption: boolean;
  /** Per request, the SDK's retries included; 0 disables. */
  readonly timeoutMs: number;
  /** Any of these aborting cancels the request (the load's signal, a poller's). */
  readonly signals: readonly AbortSignal[];
}

/** Send one request with the timeout and the abort signals; turn any failure into a `SourceError`. */
export async function sendSsmRequest<T>(
  context: SsmReadContext,
  description: Omit<SsmRequestDescription, 'source' | 'withDecryption'>,
  request: (client: SSMClient, abortSignal: AbortSignal) => Promise<T>,
): Promise<T> {
  try {
    return await withTimeout((abortSignal) => request(context.client, abortSignal), {
      timeoutMs: context.timeoutMs,
      signals: context.signals,
    });
  } catch (error) {
    throw describeSsmError(error, {
      ...description,
      source: context.source,
      withDecryption: context.withDecryption,
    });
  }
}
