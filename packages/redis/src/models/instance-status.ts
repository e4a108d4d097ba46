/** What one instance writes about itself at each heartbeat (`strata fleet status` reads it). */
export interface InstanceStatus {
  readonly id: string;
  readonly host: string;
  readonly pid: number;
  readonly environment: string;
  readonly mode: 'notify' | 'leader';
  /** The generation in effect. */
  readonly generation: number;
  /**
   * A keyed hash (HMAC under the fleet key) of the configuration in effect and the versions of its shared
   * sources: equal across instances that agree; reveals nothing about the values.
   */
  readonly configHash: string;
  /** Milliseconds since the epoch. */
  readonly heartbeatAt: number;
  /** Holds the leader lease. */
  readonly leader: boolean;
  /** Polling the store alone (transport down, no leader seen, or notify mode). */
  readonly pollingAlone: boolean;
}
