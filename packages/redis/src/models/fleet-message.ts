import type { JsonValue, TransportMessage } from '@strata/events';

/** The format tag inside every signed fleet message; others are dropped as malformed. */
export const FLEET_FORMAT = 'strata.fleet/1';

/** A source changed: names the source and the versions seen, never a value. */
export interface NoticeBody {
  readonly kind: 'notice';
  /** The source's name (`vault:secret/app`). */
  readonly source: string;
  /** What the sender saw: `locator@version` per versioned value, `content:<mac>` for unversioned content. */
  readonly versions: readonly string[];
}

/** The leader's layer of a shared source, sealed with the keyring (AES-256-GCM, bound to source and version). */
export interface LayerBody {
  readonly kind: 'layer';
  readonly source: string;
  readonly versions: readonly string[];
  /** The leader's fencing token: a layer from a leader older than one already heard from is dropped. */
  readonly fence: number;
  /** The keyring key's id. */
  readonly keyId: string;
  /** base64url(iv | ciphertext | tag). */
  readonly sealed: string;
}

/** An operator's `strata fleet refresh [--source NAME]`. */
export interface RefreshBody {
  readonly kind: 'refresh';
  /** The source to reload; all sources when absent. */
  readonly source?: string;
}

/** A configuration event carried for `bridge.publishTo` / `receiveFrom` (the {@link ChangeTransport} side). */
export interface EventBody {
  readonly kind: 'event';
  readonly event: TransportMessage;
}

/** What a fleet message carries. */
export type FleetBody = NoticeBody | LayerBody | RefreshBody | EventBody;

/** The signed part of every stream entry. */
export interface FleetEnvelope {
  readonly format: typeof FLEET_FORMAT;
  /** The fleet's name: one Redis may carry several fleets. */
  readonly fleet: string;
  /** A random 128-bit nonce, hex: a message seen twice is a replay. */
  readonly id: string;
  /** The sender's instance id. */
  readonly sender: string;
  /** The sender's generation when it sent. */
  readonly generation: number;
  /** When it was sent, milliseconds since the epoch: an older message than `maxMessageAgeMs` is dropped. */
  readonly sentAt: number;
  readonly body: FleetBody;
}

/** A JSON value, for bodies read back before their shape is checked. */
export type WireValue = JsonValue;
