import { createHmac } from 'node:crypto';
import { hostname } from 'node:os';
import type { Config, ConfigSource } from '@strata/core';
import { silentLogger, StrataError } from '@strata/core';
import { printable } from '@strata/core/source';
import type { FleetBody, FleetEnvelope } from '../models/fleet-message.js';
import type { InstanceStatus } from '../models/instance-status.js';
import type { FleetMode, RedisFleetOptions, StoreBudget } from '../models/redis-fleet-options.js';
import { createRedisTransport, type RedisTransport } from '../transport/redis-transport.js';
import { fleetKeyById, primaryFleetKey } from '../wire/fleet-keys.js';
import type { FleetRuntime } from './fleet-runtime.js';
import { heartbeat, leave } from './heartbeat.js';
import { LeaderLease } from './leader-lease.js';
import { refetchDelay } from './refetch-delay.js';
import { SharedSource } from './shared-source.js';

/**
 * A service's membership of a fleet: wrap the remote sources to share with `share()`, load the
 * configuration, then `attach()` it. See docs/fleet.md.
 */
export interface RedisFleet {
  /** The transport underneath (also a `ChangeTransport` for `bridge.publishTo` / `receiveFrom`). */
  readonly transport: RedisTransport;
  readonly mode: FleetMode;
  /** This instance holds the leader lease (leader mode). */
  readonly leader: boolean;
  /** The instances seen through presence at the last heartbeat (this one included once attached). */
  readonly members: readonly string[];
  /**
   * The source, shared across the fleet under its own name: in notify mode its changes are announced and
   * other instances' announcements make it reload; in leader mode a follower takes the leader's sealed
   * layer instead of asking the store.
   */
  share(source: ConfigSource): ConfigSource;
  /**
   * Join the fleet with a loaded configuration: connect (rejects when Redis is required and away), start the
   * heartbeat, the lease (leader mode) and the handling of notices, layers and refresh requests.
   */
  attach(config: Config): Promise<void>;
  /** Ask every instance to reload `source` (or everything), within the store budget: `strata fleet refresh`. */
  refresh(source?: string): Promise<void>;
  /** Leave the fleet: release the lease, remove the presence record, close the connections. */
  close(): Promise<void>;
}

/**
 * Create a fleet member on Redis.
 *
 * @example
 * const fleet = createRedisFleet({ url: process.env.REDIS_URL, keyring, mode: 'leader' });
 * const config = await loadConfig(definition, { sources: [fileSource(), fleet.share(vaultSource({ … }))], watch: true });
 * await fleet.attach(config);
 */
export function createRedisFleet(options: RedisFleetOptions): RedisFleet {
  const logger = options.logger ?? silentLogger;
  const mode: FleetMode = options.mode ?? 'notify';
  const budget: StoreBudget = options.storeBudget ?? { requestsPerSecond: 10 };
  if (!(budget.requestsPerSecond > 0)) {
    throw new StrataError('DEFINITION_INVALID', 'storeBudget.requestsPerSecond must be a positive number');
  }
  const heartbeatMs = options.heartbeatMs ?? 5000;
  const presenceTtlMs = options.presenceTtlMs ?? heartbeatMs * 3;
  const leaseMs = options.leaseMs ?? 10_000;
  const transport = createRedisTransport(options);
  const key = primaryFleetKey(options.keyring);
  const lease = new LeaderLease(transport, leaseMs);
  const shared = new Map<string, SharedSource>();
  const timers = new Set<NodeJS.Timeout>();
  let config: Config | undefined;
  let members: readonly string[] = [];
  let leader = { leader: false, fence: 0 };
  let holder: string | undefined;
  let leaseTicks = 0;
  let closed = false;

  const later = (delayMs: number, run: () => unknown): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, delayMs);
    timer.unref();
    timers.add(timer);
  };
  const reload = (sources: readonly string[] | undefined, reason: string, delayMs: number): void => {
    later(delayMs, () => {
      if (!config || config.closed || closed) return;
      config.reload({ ...(sources ? { sources } : {}), reason }).catch((error: unknown) => {
        if (!StrataError.is(error, 'CLOSED'))
          logger.error(`Fleet reload failed: ${printable(String(error))}`);
      });
    });
  };
  const runtime: FleetRuntime = {
    mode,
    instanceId: transport.instanceId,
    key,
    keyById: (id) => fleetKeyById(options.keyring, id),
    leadership: () => leader,
    following: () => mode === 'leader' && transport.connected && !leader.leader && holder !== undefined,
    publish(body) {
      if (!config || !transport.connected) return;
      transport.send(body, config.generation).catch((error: unknown) => {
        logger.warn(`Could not publish to the fleet: ${printable(String(error))}`);
      });
    },
    reloadSource: (source, reason, delayMs) => reload([source], reason, delayMs),
    refetchDelay: () => refetchDelay(transport.instanceId, members, budget),
    drop: (reason, detail) => transport.drop(reason, detail),
  };

  const onMessage = (envelope: FleetEnvelope): void => {
    if (envelope.sender === transport.instanceId) return;
    const body: FleetBody = envelope.body;
    switch (body.kind) {
      case 'notice':
        shared.get(body.source)?.onNotice(envelope.sender, body);
        return;
      case 'layer':
        shared.get(body.source)?.onLayer(envelope.sender, body);
        return;
      case 'refresh': {
        if (body.source !== undefined && !config?.sources.some((source) => source.name === body.source)) {
          logger.warn(
            `Fleet refresh names source "${printable(body.source)}", which this instance does not have`,
          );
          return;
        }
        const reason = `fleet refresh from ${envelope.sender}`;
        reload(body.source === undefined ? undefined : [body.source], reason, runtime.refetchDelay());
        return;
      }
      case 'event':
        return;
    }
  };

  const status = (): InstanceStatus => ({
    id: transport.instanceId,
    host: hostname(),
    pid: process.pid,
    environment: config?.environment ?? '',
    mode,
    generation: config?.generation ?? 0,
    configHash: configHash(),
    heartbeatAt: Date.now(),
    leader: leader.leader,
    pollingAlone: mode === 'notify' || !runtime.following(),
  });
  const configHash = (): string => {
    const versions = [...shared.values()].map((source) => [source.name, source.versions]);
    return createHmac('sha256', key.mac)
      .update(JSON.stringify([config?.toJSON() ?? null, versions]))
      .digest('hex')
      .slice(0, 16);
  };
  /** Renew or take the lease (leader mode); a newly elected leader shows itself in the status at once. */
  const leaseTick = async (): Promise<void> => {
    if (mode !== 'leader' || closed) return;
    try {
      const state = await lease.tick();
      const became = state.leader && !leader.leader;
      leader = { leader: state.leader, fence: state.fence };
      holder = state.holder;
      if (became) {
        logger.info(`This instance leads fleet ${transport.fleet} (fencing token ${state.fence})`);
        // Taking over from a leader that died: what changed since it last shared would otherwise wait a
        // whole poll interval of this instance's source. (At attach the configuration was just loaded.)
        if (leaseTicks > 0) for (const name of shared.keys()) reload([name], 'elected fleet leader', 0);
        await beat();
      }
      leaseTicks++;
    } catch {
      // Redis is away: lead nobody, follow nobody, poll alone until it is back.
      leader = { leader: false, fence: 0 };
      holder = undefined;
    }
    for (const source of shared.values()) source.updatePolling();
  };
  const beat = async (): Promise<void> => {
    if (closed) return;
    try {
      members = await heartbeat(transport, status(), presenceTtlMs);
    } catch {
      // Redis is away: the lease tick and transportFailed make this instance poll alone.
    }
  };
  const tick = async (): Promise<void> => {
    await leaseTick();
    await beat();
  };
  // The lease is renewed every third of its length, presence every heartbeatMs: apart, because a heartbeat
  // reads the whole presence set, and doing that at the lease's pace made the fleet's load grow with N².
  const every = (delayMs: number, run: () => Promise<void>): void => {
    later(delayMs, async () => {
      await run();
      if (!closed) every(delayMs, run);
    });
  };
  const loop = (): void => {
    if (mode === 'leader') every(Math.max(1, Math.floor(leaseMs / 3)), leaseTick);
    every(heartbeatMs, beat);
  };

  transport.on('transportFailed', () => {
    leader = { leader: false, fence: 0 };
    holder = undefined;
    for (const source of shared.values()) source.updatePolling();
  });
  transport.on('transportRecovered', () => void tick());

  return {
    transport,
    mode,
    get leader() {
      return leader.leader;
    },
    get members() {
      return members;
    },
    share(source) {
      if (shared.has(source.name)) {
        throw new StrataError('DEFINITION_INVALID', `Source "${source.name}" is shared with the fleet twice`);
      }
      const wrapped = new SharedSource(source, runtime);
      shared.set(source.name, wrapped);
      return wrapped;
    },
    async attach(loaded) {
      if (config)
        throw new StrataError(
          'DEFINITION_INVALID',
          'This fleet member is already attached to a configuration',
        );
      config = loaded;
      transport.onMessage(onMessage);
      await transport.start();
      await tick();
      loop();
    },
    refresh(source) {
      return transport.send(
        { kind: 'refresh', ...(source === undefined ? {} : { source }) },
        config?.generation ?? 0,
      );
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      try {
        await lease.release();
        if (transport.connected) await leave(transport, transport.instanceId);
      } catch {
        // Redis went away while closing: the lease and presence expire on their own.
      }
      await transport.close();
    },
  };
}
