import { resolve } from 'node:path';
import type { RedisTransport } from '@strata/redis';
import { CliError } from '../cli/cli-error.js';
import type { CommandInput } from '../cli/command.js';
import { stringOption } from '../cli/option-values.js';
import { commandKeyring, emptyKeyringError } from '../secrets/keyring-option.js';

/**
 * A started transport to the fleet named by the options, for one command. `@strata/redis` (and its Redis
 * client) is imported here, on first use, so every other command starts without paying for it.
 */
export async function fleetTransport(input: CommandInput): Promise<RedisTransport> {
  const url = stringOption(input.values, 'redis') ?? input.io.env.STRATA_REDIS_URL;
  if (url === undefined || url.trim() === '') {
    throw CliError.usage('no Redis: pass --redis <url> or set STRATA_REDIS_URL');
  }
  const keyring = await commandKeyring(input, resolve(input.io.cwd));
  if (keyring.size === 0) throw emptyKeyringError();
  let redis: typeof import('@strata/redis');
  try {
    redis = await import('@strata/redis');
  } catch (error) {
    throw CliError.usage('the fleet commands need @strata/redis: install it beside @strata/cli', {
      cause: error,
    });
  }
  const transport = redis.createRedisTransport({
    url,
    keyring,
    fleet: stringOption(input.values, 'fleet') ?? 'default',
    instanceId: `strata-cli:${process.pid}`,
    required: true,
    connectTimeoutMs: 5000,
  });
  try {
    await transport.start();
  } catch (error) {
    throw CliError.problems((error as Error).message, { cause: error });
  }
  return transport;
}
