import type { OptionSpec } from '../cli/command.js';
import { keyFileOption } from '../secrets/keyring-option.js';

/** The options every `strata fleet` command takes: where the fleet's Redis is, and which fleet. */
export const fleetOptions: { readonly [name: string]: OptionSpec } = {
  redis: {
    type: 'string',
    valueName: '<url>',
    description:
      'The Redis URL (redis://[user:password@]host:port, rediss:// for TLS); default STRATA_REDIS_URL',
  },
  fleet: { type: 'string', valueName: '<name>', description: "The fleet's name (default: default)" },
  ...keyFileOption,
};
