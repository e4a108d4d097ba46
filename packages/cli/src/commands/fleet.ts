import type { Command } from '../cli/command.js';
import { fleetRefreshCommand } from './fleet-refresh.js';
import { fleetStatusCommand } from './fleet-status.js';

/** `strata fleet …`: the instances sharing configuration through `@strata/redis`. */
export const fleetCommand: Command = {
  name: 'fleet',
  summary: 'A fleet on Redis: status (instances, leader, drift), refresh',
  usage: '<command> [options]',
  details: 'Redis comes from --redis or STRATA_REDIS_URL; the fleet key from STRATA_KEYS / STRATA_KEY_FILE.',
  options: {},
  noDefinition: true,
  subcommands: [fleetStatusCommand, fleetRefreshCommand],
};
