import { BenchFleet, evenGroups, percentile, sleep } from './bench-fleet.js';
import { type BenchContext, leaderFleetOptions } from './bench-context.js';

const LEASE_MS = 3000;
const LEASE_KEY = 'strata:bench:lease';

/**
 * Leader mode; the leader runs alone in its own worker process, which is SIGKILLed (nothing released) while
 * a change is made at the same moment. Recorded: when the lease became free and when another instance held
 * it, when the change reached every survivor, the store requests meanwhile, then a second change once the
 * new leader is in place. Returns Markdown lines.
 */
export async function runFailover(context: BenchContext): Promise<string[]> {
  const fleet = new BenchFleet(leaderFleetOptions(context, LEASE_MS), context.execArgv);
  const holder = async (): Promise<string | undefined> => {
    const value = await context.admin.get(LEASE_KEY);
    return value === null ? undefined : value.slice(0, value.lastIndexOf('|'));
  };
  try {
    await fleet.start([{ worker: 'lead', count: 1 }]);
    for (let i = 0; i < 500 && (await holder()) !== 'lead-i0'; i++) await sleep(20);
    await fleet.start(evenGroups(context.instances - 1, context.workers));
    await sleep(3000);
    if ((await holder()) !== 'lead-i0') throw new Error(`the lease moved before the kill: ${await holder()}`);

    context.vault.clearRequests();
    const leftMs = await context.admin.pTTL(LEASE_KEY);
    const killAt = Date.now();
    fleet.kill('lead');
    const edit = context.edit();
    // The lease key is read every 10 ms: when it is gone, and who holds it next.
    let freeAt: number | undefined;
    let taken: { by: string; at: number } | undefined;
    while (!taken && Date.now() < killAt + 60_000) {
      const now = await holder();
      if (now === undefined) freeAt ??= Date.now();
      else if (now !== 'lead-i0') taken = { by: now, at: Date.now() };
      else await sleep(10);
    }
    const reached = await fleet.waitAll(edit.value, edit.at);
    const convergedAt = Date.now();
    const duringFailover = context.storeRequests();
    const times = [...reached.values()].sort((a, b) => a - b);
    const first = times[0] ?? Number.NaN;

    await sleep(2000);
    context.vault.clearRequests();
    const next = context.edit();
    const nextReached = await fleet.waitAll(next.value, next.at);
    const nextTimes = [...nextReached.values()].sort((a, b) => a - b);
    const nextFirst = nextTimes[0] ?? Number.NaN;
    const nextAfter = nextTimes.map((at) => at - nextFirst);
    const s = (ms: number | undefined): string =>
      ms === undefined ? 'never' : `${(ms / 1000).toFixed(2)} s`;
    return [
      `Failover (leader mode, lease ${LEASE_MS / 1000} s, renewed every ${LEASE_MS / 3000} s; the leader alone in a worker process, SIGKILLed; ${fleet.live().length} survivors):`,
      '',
      '| measured from the kill | value |',
      '| --- | --- |',
      `| the dead leader's lease had left (PTTL at the kill) | ${s(leftMs)} |`,
      `| lease seen free (sampled every 10 ms) after | ${freeAt === undefined ? 'not seen: taken within a sample' : s(freeAt - killAt)} |`,
      `| new leader (${taken?.by ?? 'none'}) holds the lease after | ${s(taken ? taken.at - killAt : undefined)} |`,
      `| a change made at the kill: first survivor held it after | ${s(first - edit.at)} |`,
      `| … every survivor held it after (${reached.size}/${fleet.live().length}) | ${s(convergedAt - edit.at)} |`,
      `| Vault requests, kill → converged | ${duringFailover} |`,
      `| next change, under the new leader: p99 after the first / all held it after | ${nextAfter.length ? percentile(nextAfter, 99) : 'NaN'} ms / ${s((nextTimes.at(-1) ?? Number.NaN) - next.at)} (${nextReached.size}/${fleet.live().length}), ${context.storeRequests()} Vault requests |`,
    ];
  } finally {
    await fleet.stop();
  }
}
