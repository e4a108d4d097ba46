import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Options of {@link startRedisTestServer}. */
export interface RedisTestServerOptions {
  /** The `redis-server` binary. @default `/usr/bin/redis-server`, or `$REDIS_SERVER` when set */
  readonly binary?: string;
  /** A port to listen on. @default a free port picked at start */
  readonly port?: number;
  /** More `redis-server` arguments (`['--requirepass', 'x']`, `['--user', 'app on >pw ~* +@all']`). */
  readonly args?: readonly string[];
  /** How long to wait for PING to answer before giving up. @default 10_000 ms */
  readonly readyTimeoutMs?: number;
}

/**
 * A real `redis-server` (Debian's package) for one test file: its own port, its own temp directory, no
 * persistence. `stop()` and `start()` again on the same port let fault tests cut Redis mid-test.
 */
export class RedisTestServer {
  readonly port: number;
  readonly #binary: string;
  readonly #args: readonly string[];
  readonly #readyTimeoutMs: number;
  readonly #dir: string;
  #child: ChildProcess | undefined;

  private constructor(port: number, dir: string, options: RedisTestServerOptions) {
    this.port = port;
    this.#dir = dir;
    this.#binary = options.binary ?? process.env.REDIS_SERVER ?? '/usr/bin/redis-server';
    this.#args = options.args ?? [];
    this.#readyTimeoutMs = options.readyTimeoutMs ?? 10_000;
  }

  /** Create and start a server. */
  static async start(options: RedisTestServerOptions = {}): Promise<RedisTestServer> {
    const port = options.port ?? (await freePort());
    const dir = await mkdtemp(path.join(tmpdir(), 'strata-redis-'));
    const server = new RedisTestServer(port, dir, options);
    await server.start();
    return server;
  }

  /** `redis://127.0.0.1:<port>`. */
  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** True while the process runs. */
  get running(): boolean {
    return this.#child !== undefined;
  }

  /** Start the process (again) on the same port and wait until PING answers. */
  async start(): Promise<void> {
    if (this.#child) return;
    const child = spawn(
      this.#binary,
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        this.#dir,
        ...this.#args,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    this.#child = child;
    child.once('exit', () => {
      if (this.#child === child) this.#child = undefined;
    });
    const deadline = Date.now() + this.#readyTimeoutMs;
    while (!(await ping(this.port))) {
      if (this.#child !== child) {
        throw new Error(`redis-server exited before answering PING on port ${this.port}: ${stderr.trim()}`);
      }
      if (Date.now() > deadline) {
        await this.stop();
        throw new Error(
          `redis-server did not answer PING on port ${this.port} within ${this.#readyTimeoutMs} ms`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Stop the process (SIGKILL: connected clients see the socket drop, as when a server dies). */
  async stop(): Promise<void> {
    const child = this.#child;
    if (!child) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    this.#child = undefined;
  }

  /** Stop the process and remove its directory. */
  async close(): Promise<void> {
    await this.stop();
    await rm(this.#dir, { recursive: true, force: true });
  }
}

/** Start a real `redis-server` on a free port; see {@link RedisTestServer}. */
export function startRedisTestServer(options: RedisTestServerOptions = {}): Promise<RedisTestServer> {
  return RedisTestServer.start(options);
}

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** True when something on the port answers PING with +PONG (or asks for authentication, which is an answer). */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let reply = '';
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG') || reply.startsWith('-NOAUTH'));
    });
  });
}
