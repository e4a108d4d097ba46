import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ConfigSource, InputLimits, LeafValue } from '@strata/core';
import { vaultDynamicSource } from '@strata/vault';

/**
 * The Vault lease-response route for the input suites (pollution, bounds, malformed): a server answering
 * `GET /v1/database/creds/app` with exactly the given body, read by `vaultDynamicSource` through a Vault
 * Agent-style connection (no token, so nothing but the body is involved). Stop them with
 * {@link closeVaultBodyServers} after each test.
 */
const servers = new Set<Server>();

/** The path every route reads, as messages name it. */
export const leasePath = 'database/creds/app';

/** A credentials answer as Vault sends it, with `data` as given. */
export function leaseBody(data: Record<string, LeafValue> | unknown): string {
  return JSON.stringify({
    request_id: 'e0e5a6c1-5e69-5cf3-c9d2-020af192de36',
    lease_id: `${leasePath}/7aa462ab`,
    renewable: true,
    lease_duration: 3600,
    data,
    wrap_info: null,
    warnings: null,
    auth: null,
  });
}

/** A source reading `body` (text or bytes) as the answer of `GET /v1/database/creds/app`. */
export async function vaultLeaseRoute(
  body: string | Buffer,
  limits?: Partial<InputLimits>,
): Promise<ConfigSource> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.url === `/v1/${leasePath}`)
        res.writeHead(200, { 'content-type': 'application/json' }).end(body);
      else res.writeHead(204).end();
    });
  });
  servers.add(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return vaultDynamicSource({
    address: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    auth: { method: 'agent' },
    retry: { attempts: 1 },
    secrets: [{ path: leasePath }],
    ...(limits ? { limits } : {}),
  });
}

/** Close every server {@link vaultLeaseRoute} started. */
export async function closeVaultBodyServers(): Promise<void> {
  const closing = [...servers].map(
    (server) =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  servers.clear();
  await Promise.all(closing);
}
