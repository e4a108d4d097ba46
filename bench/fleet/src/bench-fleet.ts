import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FromWorker, ToWorker, WorkerArgs } from './worker.js';

const workerScript = fileURLToPath(new URL('./worker.js', import.meta.url));

/** One worker process to start: its name (instance ids are `<name>-i<n>`), how many instances, and the cut one. */
export interface WorkerGroup {
  readonly worker: string;
  readonly count: number;
  readonly cut?: string;
}

/** What every instance of a scenario shares. */
export type FleetSettings = Omit<WorkerArgs, 'worker' | 'count' | 'cut'>;

/** `count` instances over `workers` groups named w0, w1, … */
export function evenGroups(count: number, workers: number, prefix = 'w'): WorkerGroup[] {
  const per = Math.ceil(count / workers);
  const groups: WorkerGroup[] = [];
  for (let w = 0; w * per < count; w++)
    groups.push({ worker: `${prefix}${w}`, count: Math.min(per, count - w * per) });
  return groups;
}

/** The worker processes of one scenario, and what each instance reported holding, when. */
export class BenchFleet {
  readonly #settings: FleetSettings;
  readonly #execArgv: readonly string[];
  readonly #children = new Map<string, ChildProcess>();
  readonly #killed = new Set<string>();
  /** Every value each instance held, in order, with the time it reported it. */
  readonly history = new Map<string, { value: string; at: number }[]>();
  /** transportFailed / transportRecovered, as the instances reported them. */
  readonly transportEvents: { id: string; event: string; at: number }[] = [];
  readonly #cpuReplies = new Map<string, (cpuMs: number) => void>();

  constructor(settings: FleetSettings, execArgv: readonly string[] = []) {
    this.#settings = settings;
    this.#execArgv = execArgv;
  }

  /** Start the groups' processes together; resolves when every instance has loaded and joined. */
  async start(groups: readonly WorkerGroup[]): Promise<void> {
    await Promise.all(groups.map((group) => this.#startOne(group)));
  }

  #startOne(group: WorkerGroup): Promise<void> {
    const args: WorkerArgs = { ...this.#settings, ...group };
    const child = fork(workerScript, [JSON.stringify(args)], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      execArgv: [...this.#execArgv],
    });
    this.#children.set(group.worker, child);
    return new Promise((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`worker ${group.worker} exited (${code}) before ready`)));
      child.on('message', (message: FromWorker) => {
        if (message.type === 'ready') resolve();
        if (message.type === 'holds') {
          const seen = this.history.get(message.id) ?? [];
          seen.push({ value: message.value, at: message.at });
          this.history.set(message.id, seen);
        }
        if (message.type === 'transport') this.transportEvents.push(message);
        if (message.type === 'cpu') this.#cpuReplies.get(message.worker)?.(message.cpuMs);
      });
    });
  }

  /** The instances whose process was not killed. */
  live(): string[] {
    return [...this.history.keys()].filter((id) => !this.#killed.has(id.slice(0, id.lastIndexOf('-i'))));
  }

  /** For each live instance, when it first reported `value` at or after `since` (missing: not yet). */
  reached(value: string, since: number): Map<string, number> {
    const times = new Map<string, number>();
    for (const id of this.live()) {
      const first = this.history.get(id)?.find((held) => held.value === value && held.at >= since - 1000);
      if (first) times.set(id, first.at);
    }
    return times;
  }

  /** Wait until every live instance holds `value` (or the deadline); the times it was reached. */
  async waitAll(value: string, since: number, timeoutMs = 120_000): Promise<Map<string, number>> {
    const live = this.live().length;
    for (;;) {
      const reached = this.reached(value, since);
      if (reached.size >= live || Date.now() > since + timeoutMs) return reached;
      await sleep(20);
    }
  }

  /** The CPU time (user + system, ms) every live worker process has used so far, summed. */
  async cpuMs(): Promise<number> {
    const live = [...this.#children.keys()].filter((worker) => !this.#killed.has(worker));
    const used = await Promise.all(
      live.map(
        (worker) =>
          new Promise<number>((resolve) => {
            this.#cpuReplies.set(worker, resolve);
            this.send(worker, { type: 'cpu' });
          }),
      ),
    );
    return used.reduce((sum, ms) => sum + ms, 0);
  }

  send(worker: string, message: ToWorker): void {
    this.#children.get(worker)?.send(message);
  }

  /** SIGKILL one worker process: its instances die without releasing anything. */
  kill(worker: string): void {
    this.#killed.add(worker);
    this.#children.get(worker)?.kill('SIGKILL');
  }

  async stop(): Promise<void> {
    const running = [...this.#children].filter(([worker]) => !this.#killed.has(worker));
    await Promise.all(
      running.map(
        ([, child]) =>
          new Promise((resolve) => {
            child.once('exit', resolve);
            child.send({ type: 'stop' } satisfies ToWorker);
          }),
      ),
    );
  }
}

/** Resolve after `ms`. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The p-th percentile of an ascending list (nearest rank). */
export const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
