import { createServer, type Socket, connect } from 'node:net';

/** A TCP relay in front of Redis for one instance, so the bench can cut that instance alone and restore it. */
export interface CutProxy {
  /** `redis://127.0.0.1:<port>`: give this to the instance instead of Redis's own URL. */
  readonly url: string;
  /** Drop every relayed connection and refuse new ones until {@link CutProxy.restore}. */
  cut(): void;
  /** Relay again. */
  restore(): void;
  close(): Promise<void>;
}

/** Listen on a free local port and relay each connection to `redisUrl`. */
export async function startCutProxy(redisUrl: string): Promise<CutProxy> {
  const target = new URL(redisUrl);
  const open = new Set<Socket>();
  let cut = false;
  const server = createServer((client) => {
    if (cut) {
      client.destroy();
      return;
    }
    const upstream = connect(Number(target.port), target.hostname);
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on('close', () => open.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `redis://127.0.0.1:${port}`,
    cut() {
      cut = true;
      for (const socket of open) socket.destroy();
    },
    restore() {
      cut = false;
    },
    async close() {
      for (const socket of open) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
