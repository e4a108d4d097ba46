import { printable } from '@strata/core/source';
import type { Command, CommandInput } from '../cli/command.js';
import { EXIT_OK, EXIT_PROBLEMS } from '../cli/exit-codes.js';
import { flagOption, noPositionals } from '../cli/option-values.js';
import { fleetOptions } from '../fleet/fleet-options.js';
import { fleetTransport } from '../fleet/fleet-transport.js';
import { jsonText } from '../output/json-text.js';
import { textTable } from '../output/text-table.js';

/** `strata fleet status`: every instance of a fleet, the leader, and the ones that drift. */
export const fleetStatusCommand: Command = {
  name: 'status',
  summary:
    'List the instances of a fleet (generation, config hash, heartbeat, leader) and name the drifting ones',
  usage: '[--redis <url>] [--fleet <name>] [--json]',
  details: [
    'An instance drifts when its configuration hash (a keyed hash: it reveals no value) differs from the one',
    'most instances report. Exit code 1 when one does.',
  ].join('\n'),
  options: { ...fleetOptions, json: { type: 'boolean', description: 'Print the status as JSON' } },
  noDefinition: true,
  run: runStatus,
};

async function runStatus(input: CommandInput): Promise<number> {
  noPositionals(input);
  const transport = await fleetTransport(input);
  try {
    const { readFleetStatus } = await import('@strata/redis');
    const status = await readFleetStatus(transport);
    const drifting = status.instances.filter((instance) => instance.drifting);
    if (flagOption(input.values, 'json')) {
      input.io.stdout(`${jsonText(status, 2)}\n`);
      return drifting.length > 0 ? EXIT_PROBLEMS : EXIT_OK;
    }
    const now = Date.now();
    const rows = [
      ['instance', 'host', 'environment', 'generation', 'config hash', 'heartbeat', 'leader', 'drift'],
      ...status.instances.map((instance) => [
        printable(instance.id),
        printable(instance.host),
        printable(instance.environment),
        String(instance.generation),
        printable(instance.configHash),
        `${((now - instance.heartbeatAt) / 1000).toFixed(1)} s ago`,
        instance.leader ? 'leader' : '',
        instance.drifting ? 'DRIFTING' : '',
      ]),
    ];
    const lines = textTable(rows);
    const leader = status.leader === undefined ? 'no leader' : `leader ${printable(status.leader)}`;
    lines.push('', `Fleet ${printable(status.fleet)}: ${status.instances.length} instance(s), ${leader}.`);
    if (drifting.length > 0) {
      lines.push(
        `Drifting from the majority (config hash ${printable(status.majorityHash ?? '')}): ${drifting
          .map((instance) => printable(instance.id))
          .join(', ')}`,
      );
    }
    input.io.stdout(`${lines.join('\n')}\n`);
    return drifting.length > 0 ? EXIT_PROBLEMS : EXIT_OK;
  } finally {
    await transport.close();
  }
}
