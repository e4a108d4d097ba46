import type { Readable } from 'node:stream';

/** Collects a stream's lines and lets a test wait for one that matches. */
export class LineReader {
  readonly lines: string[] = [];
  #buffer = '';
  #waiters: (() => void)[] = [];

  constructor(stream: Readable) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      this.#buffer += chunk;
      const parts = this.#buffer.split('\n');
      this.#buffer = parts.pop() ?? '';
      this.lines.push(...parts);
      for (const wake of this.#waiters.splice(0)) wake();
    });
  }

  /** The first line (from index `from`) that satisfies `match`; rejects after `timeoutMs`. */
  async waitFor(
    match: (line: string) => boolean,
    options: { from?: number; timeoutMs?: number } = {},
  ): Promise<string> {
    const deadline = Date.now() + (options.timeoutMs ?? 15_000);
    for (;;) {
      const found = this.lines.slice(options.from ?? 0).find(match);
      if (found !== undefined) return found;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`no matching line within the time limit; got:\n${this.lines.join('\n')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}
