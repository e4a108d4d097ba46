import type {
  ChangeReason,
  ConfigSource,
  Layer,
  Logger,
  SchemaModel,
  SourceContext,
  SourceSignals,
} from '@strata/core';
import { afterEach } from 'vitest';
import {
  startVaultTestServer,
  type VaultTestServer,
  type VaultTestServerOptions,
} from '../../../../test/servers/vault/index.js';

/** An empty schema: the Vault source does not look at it. */
export const emptySchema: SchemaModel = {
  sections: [],
  fields: [],
  field: () => undefined,
  object: () => undefined,
  objectOf: () => undefined,
};

/** One logged line. */
export interface LogLine {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly message: string;
  readonly fields: Record<string, unknown> | undefined;
}

/** A logger that keeps every line. */
export function recordingLogger(): Logger & { readonly lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at =
    (level: LogLine['level']) =>
    (message: string, fields?: Record<string, unknown>): void => {
      lines.push({ level, message, fields });
    };
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** A SourceContext as the engine would pass it. */
export function makeContext(
  overrides: Partial<Omit<SourceContext, 'env'>> & { env?: Record<string, string | undefined> } = {},
): SourceContext {
  return {
    environment: 'production',
    schema: emptySchema,
    signal: new AbortController().signal,
    logger: recordingLogger(),
    cwd: process.cwd(),
    env: {},
    argv: [],
    ...overrides,
  };
}

/** Signals that record what the source reported. */
export interface RecordedSignals extends SourceSignals {
  readonly changes: ChangeReason[];
  readonly failures: { error: Error; willRetry: boolean }[];
  /** Every signal in order: `changed`, `failed`, `recovered`. */
  readonly events: string[];
}

export function recordingSignals(): RecordedSignals {
  const changes: ChangeReason[] = [];
  const failures: { error: Error; willRetry: boolean }[] = [];
  const events: string[] = [];
  return {
    changes,
    failures,
    events,
    changed(reason) {
      changes.push(reason);
      events.push('changed');
    },
    failed(error, willRetry) {
      failures.push({ error, willRetry });
      events.push('failed');
    },
    recovered() {
      events.push('recovered');
    },
  };
}

/** Poll until `check` returns a truthy value; fail with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => T | undefined, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Wait `ms` (only where the test asserts that something does NOT happen in a period). */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The layer's entries as `{ 'database.password': value }`. */
export function valuesOf(layer: Layer): Record<string, unknown> {
  return Object.fromEntries(layer.entries.map((e) => [e.path.join('.'), e.value]));
}

/** Servers and sources of one test, stopped and disposed after it. */
export function useVault(): {
  server(options?: VaultTestServerOptions): Promise<VaultTestServer>;
  track<T extends ConfigSource>(source: T): T;
  onCleanup(run: () => void | Promise<void>): void;
} {
  const cleanups: (() => void | Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return {
    async server(options) {
      const server = await startVaultTestServer(options);
      cleanups.push(() => server.stop());
      return server;
    },
    track(source) {
      cleanups.push(() => source.dispose?.());
      return source;
    },
    onCleanup(run) {
      cleanups.push(run);
    },
  };
}

/** Catch the rejection of a promise (fails the test if it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection, but it resolved');
}
