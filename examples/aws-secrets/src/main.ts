import 'reflect-metadata';
import { loadConfig, resolveEnvironment } from '@strata/core';
import { startSecretsManagerTestServer } from '../../../test/support/src/servers/secrets-manager/index.js';
import { secretsDefinition } from './definition.js';
import { ApiConfig, DatabaseConfig } from './sections.js';

// Starts the repository's Secrets Manager test server in this process (the real AWS SDK talks to it),
// loads two secrets, rotates the database password the way a rotation Lambda does (a new version takes
// AWSCURRENT) and shows the change arriving through the version-id poll.
const environment = resolveEnvironment(undefined, process.env);
const server = await startSecretsManagerTestServer({
  secrets: {
    [`app/${environment}/database`]: JSON.stringify({
      host: 'db.internal',
      port: 5432,
      username: 'app',
      password: 'first-password-from-secrets-manager',
    }),
    [`app/${environment}/api-key`]: 'first-api-key',
  },
});
try {
  const config = await loadConfig(secretsDefinition(server.clientOptions, 200), { watch: true });
  try {
    const { port, username, password } = config.get(DatabaseConfig);
    console.log(`Secrets Manager: in-process test server at ${server.endpoint}`);
    console.log(
      `database.port = ${port} (${typeof port}), database.username = ${username}, a password of ${password.length} characters, an API key of ${config.get(ApiConfig).key.length} characters`,
    );
    console.log(JSON.stringify(config, null, 2));
    const changed = new Promise<number>((resolve) => {
      const off = config.on('changed', (event) => {
        off();
        resolve(event.generation);
      });
    });
    const rotated = server.rotate(
      `app/${environment}/database`,
      JSON.stringify({
        host: 'db.internal',
        port: 5432,
        username: 'app',
        password: 'second-password-rotated',
      }),
    );
    console.log(
      `Rotated app/${environment}/database: version ${rotated.versionId.slice(0, 8)} is AWSCURRENT`,
    );
    const generation = await changed;
    console.log(
      `Change applied: generation ${generation}; the password now has ${config.get(DatabaseConfig).password.length} characters`,
    );
  } finally {
    await config.close();
    console.log('Closed the configuration');
  }
} finally {
  await server.stop();
}
