import { printable } from '@strata/core/source';
import type { Command, CommandInput } from '../cli/command.js';
import { EXIT_OK } from '../cli/exit-codes.js';
import { noPositionals, stringOption } from '../cli/option-values.js';
import { fleetOptions } from '../fleet/fleet-options.js';
import { fleetTransport } from '../fleet/fleet-transport.js';

/** `strata fleet refresh [--source NAME]`: ask every instance to reload, like Spring Cloud Bus's busrefresh. */
export const fleetRefreshCommand: Command = {
  name: 'refresh',
  summary: 'Ask every instance of a fleet to reload one source (or all), within the fleet store budget',
  usage: '[--source <name>] [--redis <url>] [--fleet <name>]',
  details:
    'The request is signed with the fleet key (STRATA_KEYS / STRATA_KEY_FILE); instances drop it otherwise.',
  options: {
    ...fleetOptions,
    source: {
      type: 'string',
      valueName: '<name>',
      description: 'The source to reload (vault:secret/app); all when absent',
    },
  },
  noDefinition: true,
  run: runRefresh,
};

async function runRefresh(input: CommandInput): Promise<number> {
  noPositionals(input);
  const source = stringOption(input.values, 'source');
  const transport = await fleetTransport(input);
  try {
    await transport.send({ kind: 'refresh', ...(source === undefined ? {} : { source }) }, 0);
  } finally {
    await transport.close();
  }
  const what = source === undefined ? 'all sources' : `source ${printable(source)}`;
  input.io.stdout(`Asked fleet ${printable(transport.fleet)} to reload ${what}.\n`);
  return EXIT_OK;
}
