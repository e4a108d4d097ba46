import { BenchFleet, evenGroups, percentile, sleep } from './bench-fleet.js';
import type { BenchContext } from './bench-context.js';

/** One of the three propagation scenarios: the whole fleet up, one edit, the time until all hold it. */
export interface ConvergeScenario {
  readonly name: string;
  readonly label: string;
  readonly mode: 'leader' | 'notify' | 'polling';
  readonly pollMs: number;
  readonly budget: number;
}

/** What one converge scenario measured; `reachedMs` is each instance's time since the edit, ascending. */
export interface ConvergeResult {
  readonly scenario: ConvergeScenario;
  readonly converged: number;
  readonly instances: number;
  readonly firstMs: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly storeRequests: number;
  readonly redisCommands: number;
  readonly windowMs: number;
  readonly startupMs: number;
  readonly reachedMs: readonly number[];
  /** The workers' CPU time per second of wall time before the edit, summed (ms/s). */
  readonly steadyCpuPerSecond: number;
}

export const CONVERGE_SCENARIOS: readonly ConvergeScenario[] = [
  {
    name: 'leader',
    label: 'leader-fetch-and-share (leader polls every 1 s)',
    mode: 'leader',
    pollMs: 1000,
    budget: 50,
  },
  {
    name: 'notify',
    label: 'notify-and-refetch (30 s backstop poll, budget 50 req/s)',
    mode: 'notify',
    pollMs: 30_000,
    budget: 50,
  },
  {
    name: 'polling',
    label: 'polling alone, 30 s jittered (baseline)',
    mode: 'polling',
    pollMs: 30_000,
    budget: 50,
  },
];

export async function runConverge(
  context: BenchContext,
  scenario: ConvergeScenario,
): Promise<ConvergeResult> {
  const fleet = new BenchFleet(
    {
      mode: scenario.mode,
      redisUrl: context.redisUrl,
      vaultUrl: context.vault.url,
      key: context.key,
      pollMs: scenario.pollMs,
      budget: scenario.budget,
      leaseMs: 3000,
    },
    context.execArgv,
  );
  const started = Date.now();
  await fleet.start(evenGroups(context.instances, context.workers));
  const startupMs = Date.now() - started;
  try {
    // The workers' own CPU over a quiet 2 s: what the fleet costs at rest, however busy the machine is.
    await sleep(1000);
    const quietStart = { at: Date.now(), cpu: await fleet.cpuMs() };
    await sleep(2000);
    const quiet = { ms: Date.now() - quietStart.at, cpu: (await fleet.cpuMs()) - quietStart.cpu };
    context.vault.clearRequests();
    const commandsBefore = await context.commands();
    const edit = context.edit();
    const reached = await fleet.waitAll(edit.value, edit.at);
    const convergedAt = Date.now();
    const storeRequests = context.storeRequests();
    const redisCommands = (await context.commands()) - commandsBefore;
    const reachedMs = [...reached.values()].map((at) => at - edit.at).sort((a, b) => a - b);
    const first = reachedMs[0] ?? Number.NaN;
    const after = reachedMs.map((ms) => ms - first);
    return {
      scenario,
      converged: reached.size,
      instances: fleet.live().length,
      firstMs: first,
      p50: percentile(after, 50),
      p99: percentile(after, 99),
      max: after.at(-1) ?? Number.NaN,
      storeRequests,
      redisCommands,
      windowMs: convergedAt - edit.at,
      startupMs,
      reachedMs,
      steadyCpuPerSecond: (quiet.cpu * 1000) / quiet.ms,
    };
  } finally {
    await fleet.stop();
  }
}
