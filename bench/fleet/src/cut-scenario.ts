import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parseKeyring } from '@strata/core/secrets';
import { createRedisTransport, type FleetStatus, readFleetStatus } from '@strata/redis';
import { BenchFleet, evenGroups, sleep } from './bench-fleet.js';
import { type BenchContext, leaderFleetOptions } from './bench-context.js';

const CUT_MS = 8000;
const cli = fileURLToPath(new URL('../../../../../../packages/cli/dist/bundle/bin.js', import.meta.url));

/**
 * Leader mode; one follower reaches Redis through a relay. The relay is cut, a change made, the fleet status
 * read until it names that instance as drifting (and `strata fleet status` run once to show it), the relay
 * restored after {@link CUT_MS}, and the status read until the instance is back in step. Returns Markdown
 * lines.
 */
export async function runCut(context: BenchContext): Promise<string[]> {
  const groups = evenGroups(context.instances, context.workers);
  const last = groups.at(-1);
  if (!last) return [];
  const target = `${last.worker}-i${last.count - 1}`;
  const fleet = new BenchFleet(leaderFleetOptions(context, 3000), context.execArgv);
  const observer = createRedisTransport({
    url: context.redisUrl,
    keyring: parseKeyring(context.key),
    fleet: 'bench',
    instanceId: 'bench-observer',
    required: true,
  });
  try {
    await fleet.start([...groups.slice(0, -1), { ...last, cut: target }]);
    await observer.start();
    await sleep(3000);
    // Named drifting: the only one, once the others' records carry the change (they are rewritten every
    // heartbeat, so for a while after an edit the majority itself is mixed).
    const drifting = async (): Promise<boolean | undefined> => {
      const status: FleetStatus = await readFleetStatus(observer);
      const named = status.instances.filter((instance) => instance.drifting).map((instance) => instance.id);
      if (!status.instances.some((instance) => instance.id === target)) return undefined;
      return named.length === 1 && named[0] === target ? true : named.includes(target) ? undefined : false;
    };

    const cutAt = Date.now();
    fleet.send(last.worker, { type: 'cut' });
    await sleep(200);
    const edit = context.edit();
    let shownAt: number | undefined;
    while (shownAt === undefined && Date.now() < cutAt + CUT_MS) {
      if ((await drifting()) === true) shownAt = Date.now();
      else await sleep(100);
    }
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [cli, 'fleet', 'status', '--redis', context.redisUrl, '--fleet', 'bench'],
      { env: { ...process.env, STRATA_KEYS: context.key }, maxBuffer: 64 * 1024 * 1024 },
    ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    const cliLine = stdout.split('\n').find((line) => line.startsWith('Drifting')) ?? '(none)';
    const reached = fleet.reached(edit.value, edit.at);
    const ownPoll = reached.get(target);
    reached.delete(target);
    const othersAt = Math.max(...reached.values());

    await sleep(Math.max(0, cutAt + CUT_MS - Date.now()));
    const restoredAt = Date.now();
    fleet.send(last.worker, { type: 'restore' });
    let inStepAt: number | undefined;
    while (inStepAt === undefined && Date.now() < restoredAt + 60_000) {
      if ((await drifting()) === false) inStepAt = Date.now();
      else await sleep(50);
    }
    const events = fleet.transportEvents.filter((event) => event.id === target);
    const failed = events.find((event) => event.event === 'transportFailed' && event.at >= cutAt);
    const recovered = events.find((event) => event.event === 'transportRecovered' && event.at >= restoredAt);
    const s = (ms: number | undefined): string =>
      ms === undefined ? 'never' : `${(ms / 1000).toFixed(2)} s`;
    return [
      `Cut instance (leader mode; ${target} behind a relay, cut for ${CUT_MS / 1000} s; a change made 0.2 s into the cut; status records are rewritten every heartbeatMs, 5 s here):`,
      '',
      '| event | when |',
      '| --- | --- |',
      `| the instance saw transportFailed, after the cut | ${s(failed ? failed.at - cutAt : undefined)} |`,
      `| the others (${reached.size}/${fleet.live().length - 1}) held the change, after it | ${s(othersAt - edit.at)} |`,
      `| the status API names it, and only it, drifting, after the change | ${s(shownAt === undefined ? undefined : shownAt - edit.at)} |`,
      `| it held the change itself (polling alone while cut), after the change | ${s(ownPoll === undefined ? undefined : ownPoll - edit.at)} |`,
      `| transportRecovered, after the restore | ${s(recovered ? recovered.at - restoredAt : undefined)} |`,
      `| the status API shows it in step again, after the restore | ${s(inStepAt === undefined ? undefined : inStepAt - restoredAt)} |`,
      '',
      `\`strata fleet status\` during the cut: \`${cliLine.length > 200 ? `${cliLine.slice(0, 200)}…` : cliLine}\``,
    ];
  } finally {
    await observer.close();
    await fleet.stop();
  }
}
