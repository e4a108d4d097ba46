import 'reflect-metadata';
import { loadConfig, Secret, Section } from '@strata/core';
import { vaultDynamicSource } from '@strata/vault';
import { IsString } from 'class-validator';
import { startVaultTestServer } from '../../../test/support/src/servers/vault/index.js';

// Dynamic database credentials: the repository's Vault test server issues them with a 3 s lease and a 4 s
// max TTL, so within seconds the source renews the lease, sees Vault cut the renewal at the max TTL, obtains
// new credentials and delivers them as a change — what a connection pool listens to in order to reconnect.

/** The credentials a connection pool needs. */
@Section('database')
class DatabaseCredentials {
  @Secret() @IsString() username!: string;
  @Secret() @IsString() password!: string;
}

const token = 'hvs.strata-dynamic-demo-token';
const server = await startVaultTestServer({
  tokens: [token],
  dynamic: [{ roles: [{ role: 'billing', ttl: 3, maxTtl: 4 }] }],
});
try {
  const config = await loadConfig(
    {
      sections: [DatabaseCredentials],
      sources: [
        vaultDynamicSource({
          address: server.url,
          auth: { method: 'token', token },
          secrets: [{ path: 'database/creds/billing', into: 'database' }],
        }),
      ],
    },
    { watch: true, env: {} },
  );
  const first = config.get(DatabaseCredentials);
  console.log(`Connected with generation ${config.generation} credentials: ${JSON.stringify(first)}`);
  const rotated = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no rotation within 15 s')), 15_000);
    config.once('changed', (event) => {
      clearTimeout(timer);
      resolve(
        `generation ${event.generation}: ${event.diff.map((c) => `${c.path} ${String(c.before)} → ${String(c.after)}`).join(', ')}`,
      );
    });
  });
  const second = config.get(DatabaseCredentials);
  console.log(`Vault cut the lease at its max TTL; new credentials arrived as ${rotated}`);
  console.log(`The pool reconnects: the username changed: ${second.username !== first.username}`);
  await config.close();
  const leases = server.leases();
  console.log(`Closed: ${leases.filter((l) => l.revoked).length} of ${leases.length} leases revoked`);
} finally {
  await server.stop();
}
