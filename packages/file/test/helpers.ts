import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type ChangeReason,
  type SchemaModel,
  type SourceContext,
  type SourceSignals,
  silentLogger,
} from '@strata/core';

/** The fixtures directory. */
export const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** The text of a fixture file. */
export function fixture(path: string): Promise<string> {
  return readFile(join(fixtures, path), 'utf8');
}

/** A source context by hand (the engine builds these for real); the schema is not used by this source. */
export function contextFor(cwd: string, environment = 'production'): SourceContext {
  const schema: SchemaModel = {
    sections: [],
    fields: [],
    field: () => undefined,
    object: () => undefined,
    objectOf: () => undefined,
  };
  return {
    environment,
    schema,
    signal: new AbortController().signal,
    logger: silentLogger,
    cwd,
    env: {},
    argv: [],
  };
}

/** A fresh directory under the OS temp dir, removed by the returned cleanup. */
export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'strata-file-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Signals that record what a source reports, with a wait for the Nth `changed`. */
export class RecordingSignals implements SourceSignals {
  readonly changes: ChangeReason[] = [];
  readonly failures: Array<{ error: Error; willRetry: boolean }> = [];
  recoveries = 0;
  #waiters: Array<{ count: number; resolve: () => void }> = [];

  changed(reason: ChangeReason): void {
    this.changes.push(reason);
    this.#waiters = this.#waiters.filter((waiter) => {
      if (this.changes.length < waiter.count) return true;
      waiter.resolve();
      return false;
    });
  }

  failed(error: Error, willRetry: boolean): void {
    this.failures.push({ error, willRetry });
  }

  recovered(): void {
    this.recoveries++;
  }

  /** Resolves once `count` changes were reported in total; rejects after `timeoutMs`. */
  waitForChanges(count: number, timeoutMs = 5000): Promise<void> {
    if (this.changes.length >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((waiter) => waiter.resolve !== done);
        reject(
          new Error(
            `expected ${count} change signal(s) within ${timeoutMs} ms, got ${this.changes.length}: ${JSON.stringify(this.changes)}`,
          ),
        );
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        resolve();
      };
      this.#waiters.push({ count, resolve: done });
    });
  }
}

/** Waits a quiet period (only to check that nothing more arrives). */
export function quietPeriod(ms = 300): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
