import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Disposable, Logger, Unsubscribe } from '@strata/core';
import { silentLogger, StrataError } from '@strata/core';
import type { Keyring } from '@strata/core/secrets';
import { guardListener, printable, unsubscribeOnce } from '@strata/core/source';
import type { ChangeTransport, TransportMessage } from '@strata/events';
import { DROP_REASONS, type DropReason, type FleetCounters } from '../models/drop-reason.js';
import { FLEET_FORMAT, type FleetBody, type FleetEnvelope } from '../models/fleet-message.js';
import type { RedisTransportOptions } from '../models/redis-transport-options.js';
import type { TransportEvents } from '../models/transport-events.js';
import { decodeMessage } from '../wire/decode-message.js';
import { type FleetKey, primaryFleetKey } from '../wire/fleet-keys.js';
import { ReplayGuard } from '../wire/replay-guard.js';
import { signMessage } from '../wire/sign-message.js';
import { createRedisClient, type RedisClient } from './create-redis-client.js';
import { type FleetRedisKeys, fleetKeysOf } from './fleet-keys-of.js';

/**
 * A {@link ChangeTransport} on a Redis stream, and the carrier of the fleet's own messages (notices, shared
 * layers, refresh requests). Create it with {@link createRedisTransport}; `start()` connects.
 */
export interface RedisTransport extends ChangeTransport {
  /** This instance's id, the `sender` of what it publishes. */
  readonly instanceId: string;
  /** The fleet's name. */
  readonly fleet: string;
  /** The Redis keys this fleet uses. */
  readonly keys: FleetRedisKeys;
  /** The keyring messages are signed and layers sealed with. */
  readonly keyring: Keyring;
  /** True while connected to Redis. */
  readonly connected: boolean;
  /** The last stream id read: a reconnecting instance reads on from here. */
  readonly lastId: string | undefined;
  /**
   * Connect and start reading the stream after its current end. Rejects with `SOURCE_FAILED` when Redis
   * cannot be reached and `required` is set; otherwise resolves either way and keeps reconnecting.
   */
  start(): Promise<void>;
  /** Sign and add one fleet message to the stream. Rejects when Redis is away. */
  send(body: FleetBody, generation: number): Promise<void>;
  /** Receive every fleet message that authenticated and is not a replay (its own included). */
  onMessage(handler: (envelope: FleetEnvelope) => void): Disposable;
  /** Subscribe to `transportFailed` / `transportRecovered`. */
  on<K extends keyof TransportEvents>(event: K, listener: (event: TransportEvents[K]) => void): Unsubscribe;
  /** Counts of what was published, read, accepted and dropped (by reason). */
  counters(): FleetCounters;
  /** Drop an accepted message after a later check failed (a layer that does not open): warned and counted. */
  drop(reason: DropReason, detail: string): void;
  /** The command connection, for presence, the lease and status (fails fast while disconnected). */
  readonly client: RedisClient;
  /** Stop reading and close both connections. */
  close(): Promise<void>;
}

/**
 * Connect a fleet to Redis: one connection for commands, one for the blocking stream read. Every message
 * is signed with the keyring's primary key; what arrives is checked (size, MAC, shape, replay) before
 * anyone sees it, and a drop is logged as a warning and counted.
 *
 * @example
 * const transport = createRedisTransport({ url: 'redis://127.0.0.1:6379', keyring: await loadKeyring() });
 * await transport.start();
 * bridge.publishTo(transport); // configuration events to the whole fleet
 */
export function createRedisTransport(options: RedisTransportOptions): RedisTransport {
  const logger: Logger = options.logger ?? silentLogger;
  const fleet = options.fleet ?? 'default';
  const keys = fleetKeysOf(options.keyPrefix ?? 'strata', fleet);
  const instanceId = options.instanceId ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const maxLength = options.stream?.maxLength ?? 10_000;
  const blockMs = options.stream?.blockMs ?? 5000;
  const limits = { maxMessageBytes: options.maxMessageBytes ?? 1024 * 1024 };
  const replay = new ReplayGuard(options.maxMessageAgeMs ?? 300_000);
  const signingKey: FleetKey = primaryFleetKey(options.keyring);

  const client = createRedisClient(options);
  const reader = client.duplicate();
  const handlers = new Set<(envelope: FleetEnvelope) => void>();
  const listeners: { [K in keyof TransportEvents]: Set<(event: TransportEvents[K]) => void> } = {
    transportFailed: new Set(),
    transportRecovered: new Set(),
  };
  const counts = {
    published: 0,
    received: 0,
    accepted: 0,
    dropped: Object.fromEntries(DROP_REASONS.map((reason) => [reason, 0])) as Record<DropReason, number>,
  };
  let lastId: string | undefined;
  let connected = false;
  let failed = false;
  let closed = false;
  let started = false;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;

  const emit = <K extends keyof TransportEvents>(type: K, event: TransportEvents[K]): void => {
    for (const listener of [...listeners[type]]) listener(event);
  };
  const fail = (error: Error): void => {
    connected = false;
    if (failed || closed) return;
    failed = true;
    logger.warn(
      `Fleet transport lost Redis (${printable(error.message)}); polling on own sources until it is back`,
      {
        fleet,
      },
    );
    emit('transportFailed', { type: 'transportFailed', error, willRetry: true });
  };
  client.on('error', (error: Error) => fail(error));
  reader.on('error', () => {
    // The command connection reports the outage; the reader reconnects on its own.
  });
  client.on('ready', () => {
    connected = true;
    wake?.();
    if (!failed) return;
    failed = false;
    logger.info('Fleet transport reconnected to Redis; catching up from the last stream id', { fleet });
    emit('transportRecovered', { type: 'transportRecovered', resumeAfter: lastId ?? '$' });
  });

  const countDrop = (reason: DropReason, detail: string, streamId: string | undefined): void => {
    counts.dropped[reason]++;
    logger.warn(`Dropped fleet message ${streamId ?? ''} (${reason}): ${printable(detail)}`, {
      fleet,
      reason,
      streamId,
    });
  };
  /** The envelope of an entry that passes every check, or why it does not. */
  const accept = (
    fields: Record<string, unknown>,
  ): { envelope: FleetEnvelope } | { reason: DropReason; detail: string } => {
    const decoded = decodeMessage(fields, options.keyring, limits);
    if (!decoded.ok) return decoded;
    const envelope = decoded.envelope;
    if (envelope.fleet !== fleet) {
      return { reason: 'foreign', detail: `it belongs to fleet "${envelope.fleet.slice(0, 64)}"` };
    }
    const seen = replay.check(envelope.id, envelope.sentAt, Date.now());
    if (seen === 'ok') return { envelope };
    const detail = seen === 'expired' ? 'sent outside the accepted age window' : 'its nonce was seen before';
    return { reason: 'replayed', detail };
  };
  const dispatch = (streamId: string, fields: Record<string, unknown>): void => {
    counts.received++;
    const accepted = accept(fields);
    if ('reason' in accepted) {
      countDrop(accepted.reason, accepted.detail, streamId);
      return;
    }
    const envelope = accepted.envelope;
    counts.accepted++;
    for (const handler of [...handlers]) handler(envelope);
  };

  // Start after the stream's current end: an instance that just loaded its sources needs no history.
  const newestId = async (): Promise<string> => {
    const newest = await reader.xRevRange(keys.stream, '+', '-', { COUNT: 1 });
    return newest[0]?.id ?? '0-0';
  };
  const readLoop = async (): Promise<void> => {
    let failures = 0;
    while (!closed) {
      if (!reader.isReady) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 200);
        });
        continue;
      }
      try {
        lastId ??= await newestId();
        const replies = await reader.xRead({ key: keys.stream, id: lastId }, { BLOCK: blockMs, COUNT: 100 });
        failures = 0;
        if (!replies) continue;
        for (const stream of replies as { messages: { id: string; message: Record<string, unknown> }[] }[]) {
          for (const entry of stream.messages) {
            lastId = entry.id;
            dispatch(entry.id, entry.message);
          }
        }
      } catch {
        if (closed) return;
        failures++;
        await new Promise((resolve) => setTimeout(resolve, Math.min(50 * 2 ** failures, 1000)));
      }
    }
  };

  const transport: RedisTransport = {
    instanceId,
    fleet,
    keys,
    keyring: options.keyring,
    client,
    get connected() {
      return connected;
    },
    get lastId() {
      return lastId;
    },
    async start() {
      if (started) return;
      started = true;
      const first = new Promise<Error | undefined>((resolve) => {
        client.once('ready', () => resolve(undefined));
        client.once('error', (error: Error) => resolve(error));
      });
      client.connect().catch(() => undefined);
      const readerReady = reader.connect().then(
        () => true,
        () => false,
      );
      const error = await first;
      if (error && options.required === true) {
        await transport.close();
        throw new StrataError(
          'SOURCE_FAILED',
          `The fleet transport is required but Redis at ${redactedUrl(options.url)} cannot be reached: ${printable(error.message)}`,
          { cause: error },
        );
      }
      if (!error && (await readerReady)) {
        // Fix the starting point now, so a message sent right after start() returns is read.
        try {
          lastId = await newestId();
        } catch {
          // Lost again already: the read loop fixes it once connected.
        }
      }
      loop = readLoop();
    },
    async send(body, generation) {
      const envelope: FleetEnvelope = {
        format: FLEET_FORMAT,
        fleet,
        id: randomBytes(16).toString('hex'),
        sender: instanceId,
        generation,
        sentAt: Date.now(),
        body,
      };
      const fields = signMessage(signingKey, JSON.stringify(envelope));
      await client.xAdd(
        keys.stream,
        '*',
        { ...fields },
        {
          TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: maxLength },
        },
      );
      counts.published++;
    },
    publish(message: TransportMessage) {
      return transport.send({ kind: 'event', event: message }, message.generation);
    },
    subscribe(handler) {
      return transport.onMessage((envelope) => {
        if (envelope.body.kind === 'event') handler(envelope.body.event);
      });
    },
    onMessage(handler) {
      const guarded = guardListener(handler, (error) =>
        logger.error(`A fleet message handler failed: ${printable(String(error))}`, { fleet }),
      );
      const wrapper = (envelope: FleetEnvelope): void => {
        guarded(envelope);
      };
      handlers.add(wrapper);
      return { dispose: () => void handlers.delete(wrapper) };
    },
    on(event, listener) {
      const set = listeners[event] as Set<typeof listener>;
      set.add(listener);
      return unsubscribeOnce(() => set.delete(listener));
    },
    drop(reason, detail) {
      countDrop(reason, detail, undefined);
    },
    counters() {
      return {
        published: counts.published,
        received: counts.received,
        accepted: counts.accepted,
        dropped: { ...counts.dropped },
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      handlers.clear();
      wake?.();
      for (const connection of [reader, client]) {
        try {
          connection.destroy();
        } catch {
          // Already closed: nothing to release.
        }
      }
      await loop;
    },
  };
  return transport;
}

/** The URL without its password, for messages. */
function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(an unparsable URL)';
  }
}
