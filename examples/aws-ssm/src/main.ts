import { loadConfig, resolveEnvironment, StrataError } from '@strata/core';
import { ssmDefinition } from './definition.js';
import { nextChange, printChange, printExplanation } from './report.js';
import { DatabaseConfig, HttpConfig } from './sections.js';

// With STRATA_SSM_ENDPOINT, AWS_ENDPOINT_URL_SSM or AWS_ENDPOINT_URL set, the demo reads that Parameter Store
// (region and credentials from the AWS SDK's usual chain) and, given --wait=<seconds>, waits that long for a
// change you make with `aws ssm put-parameter --overwrite`. Without one, it starts the repository's SSM test
// server in this process, writes new versions itself and shows the change arriving.
const environment = resolveEnvironment(undefined, process.env);
const endpoint = process.env.STRATA_SSM_ENDPOINT;
const remote = endpoint || process.env.AWS_ENDPOINT_URL_SSM || process.env.AWS_ENDPOINT_URL;
const server = remote ? undefined : await (await import('./local-ssm.js')).startLocalSsm(environment);
const clientOptions = server?.clientOptions ?? (endpoint ? { endpoint } : {});
const waitSeconds = Number(process.argv.find((arg) => arg.startsWith('--wait='))?.slice(7) ?? 0);

try {
  const config = await loadConfig(ssmDefinition(clientOptions, server ? 200 : 10_000), { watch: true });
  try {
    console.log(`Environment: ${config.environment}`);
    console.log(
      server ? `Parameter Store: in-process test server at ${server.endpoint}` : `Parameter Store: ${remote}`,
    );
    const { port, password } = config.get(DatabaseConfig);
    const { trustedPorts } = config.get(HttpConfig);
    console.log(
      `The application reads typed values: database.port = ${port} (${typeof port}), ` +
        `http.trustedPorts = ${JSON.stringify(trustedPorts)} (${trustedPorts.map((p) => typeof p).join(', ')}), ` +
        `a password of ${password.length} characters`,
    );
    console.log('\nResolved configuration (SecureStrings redacted):');
    console.log(JSON.stringify(config, null, 2));
    printExplanation(config, 'database.poolSize');
    printExplanation(config, 'database.password');

    const timeoutMs = server ? 10_000 : waitSeconds * 1000;
    if (timeoutMs > 0) {
      const next = nextChange(config, timeoutMs, (failure) => console.log(`\n${failure.error.message}`));
      if (server) {
        const poolSize = server.put(`/app/${config.environment}/database/pool_size`, '30');
        server.put(`/app/${config.environment}/database/password`, 'second-password-from-ssm');
        console.log(`\nWrote version ${poolSize.version} of ${poolSize.name} and rotated the password…`);
      } else {
        console.log(`\nWatching /app/${config.environment}/ for ${waitSeconds} s: change a parameter…`);
      }
      const event = await next;
      if (event?.type === 'changed') {
        printChange(event);
        console.log(`The application now reads database.poolSize = ${config.get(DatabaseConfig).poolSize}`);
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
