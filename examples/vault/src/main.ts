import { loadConfig, resolveEnvironment, StrataError } from '@strata/core';
import { vaultDefinition } from './definition.js';
import { nextChange, printChange, printExplanation } from './report.js';
import { DatabaseConfig } from './sections.js';

// With VAULT_ADDR set, the demo reads that Vault (token from VAULT_TOKEN) and, given --wait=<seconds>, waits
// that long for a change you make with `vault kv patch`. Without it, it starts the repository's Vault test
// server in this process, writes a new version itself and shows the change arriving.
const environment = resolveEnvironment(undefined, process.env);
const local = process.env.VAULT_ADDR ? undefined : await import('./local-vault.js');
const server = await local?.startLocalVault(environment);
const env = server
  ? { ...process.env, VAULT_ADDR: server.url, VAULT_TOKEN: local?.LOCAL_VAULT_TOKEN }
  : process.env;
const waitSeconds = Number(process.argv.find((arg) => arg.startsWith('--wait='))?.slice(7) ?? 0);

try {
  const config = await loadConfig(vaultDefinition(server ? 200 : 5000), { env, watch: true });
  try {
    console.log(`Environment: ${config.environment}`);
    console.log(server ? `Vault: in-process test server at ${server.url}` : `Vault: ${env.VAULT_ADDR}`);
    const database = config.get(DatabaseConfig);
    console.log(
      `The application reads typed values: database.port = ${database.port} (${typeof database.port}), ` +
        `a password of ${database.password.length} characters`,
    );
    console.log('\nResolved configuration (values from Vault count as secrets):');
    console.log(JSON.stringify(config, null, 2));
    printExplanation(config, 'database.password');

    const secretPath = `secret/app/${config.environment}`;
    const timeoutMs = server ? 10_000 : waitSeconds * 1000;
    if (timeoutMs > 0) {
      const next = nextChange(config, timeoutMs, (failure) => console.log(`\n${failure.error.message}`));
      if (server) {
        const version = server.writeSecret(secretPath, {
          ...server.readSecret(secretPath),
          port: '6432',
          password: 'second-password-from-vault',
        });
        console.log(`\nWrote version ${version} of ${secretPath}; the next poll picks it up…`);
      } else {
        console.log(`\nWatching ${secretPath} for ${waitSeconds} s: change it with \`vault kv patch\`…`);
      }
      const event = await next;
      if (event?.type === 'changed') {
        printChange(event);
        console.log(`The application now reads database.port = ${config.get(DatabaseConfig).port}`);
        printExplanation(config, 'database.password');
      } else if (event?.type === 'rejected') {
        console.log(`\nChange rejected; generation ${event.generation} stays:\n${event.error.message}`);
      } else {
        console.log(`\nNo change within ${timeoutMs / 1000} s.`);
        if (server) process.exitCode = 1;
      }
    }
  } finally {
    await config.close();
  }
  console.log('\nClosed the configuration: no timers or sockets left.');
} catch (error) {
  if (!StrataError.is(error)) throw error;
  console.error(error.message);
  process.exitCode = 1;
} finally {
  await server?.stop();
}
