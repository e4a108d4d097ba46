import type { DropReason } from '../models/drop-reason.js';
import type { FleetBody } from '../models/fleet-message.js';
import type { FleetMode } from '../models/redis-fleet-options.js';
import type { FleetKey } from '../wire/fleet-keys.js';

/** What a shared source asks of its fleet (the fleet implements it; kept narrow so each side is testable). */
export interface FleetRuntime {
  readonly mode: FleetMode;
  readonly instanceId: string;
  /** The key this instance signs and seals with. */
  readonly key: FleetKey;
  /** The fleet key of `id`, for opening a layer sealed by another instance. */
  keyById(id: string): FleetKey | undefined;
  /** This instance holds the lease; its fencing token. */
  leadership(): { readonly leader: boolean; readonly fence: number };
  /** True while another instance leads and Redis is reachable: a follower then applies shared layers only. */
  following(): boolean;
  /** Publish, when attached and connected; failures are logged, never thrown into a load. */
  publish(body: FleetBody): void;
  /** Reload one source through the configuration's reload transaction, after `delayMs`. */
  reloadSource(source: string, reason: string, delayMs: number): void;
  /** The wait before a refetch that keeps the fleet within its store budget. */
  refetchDelay(): number;
  /** Count and warn about a message dropped after it authenticated. */
  drop(reason: DropReason, detail: string): void;
}
