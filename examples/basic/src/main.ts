import { fileURLToPath } from 'node:url';
import { ConfigValidationError, loadConfig, strataModule } from '@strata/core';
import { Container } from 'inversify';
import definition from './definition.js';
import { UserService } from './user-service.js';

const cwd = fileURLToPath(new URL('..', import.meta.url));

try {
  const config = await loadConfig(definition, { cwd });
  const container = new Container();
  container.load(strataModule(config));
  container.bind(UserService).toSelf();

  console.log(`Environment: ${config.environment}`);
  console.log(container.get(UserService).describe());
  console.log('\nResolved configuration (secrets redacted):');
  console.log(JSON.stringify(config, null, 2));

  const why = config.explain('database.poolSize');
  console.log('\nWhy is database.poolSize', why?.value, '?');
  for (const candidate of why?.candidates ?? []) {
    console.log(
      `  ${candidate.winner ? '→' : ' '} ${JSON.stringify(candidate.value)} from ${candidate.origin.source} ${candidate.origin.locator}`,
    );
  }
  console.log(
    `  default: ${JSON.stringify(why?.defaultValue)}; could also be set by: ${why?.inputs.join(', ')}`,
  );
  await config.close();
} catch (error) {
  if (ConfigValidationError.is(error)) {
    console.error(error.message);
    process.exitCode = 1;
  } else {
    throw error;
  }
}
