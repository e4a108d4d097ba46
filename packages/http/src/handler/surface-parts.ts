import type { Config, InputLimits } from '@strata/core';
import type { AuditTrail } from '../audit/audit-trail.js';
import type { SourceStatusTracker } from '../health/source-status-tracker.js';
import type { StrataMetrics } from '../metrics/strata-metrics.js';
import type { EnvironmentCatalog } from '../views/environments-view.js';

/** The collaborators the endpoints share. */
export interface SurfaceParts {
  readonly config: Config;
  readonly prefix: string;
  /** Bounds of request bodies. */
  readonly limits: InputLimits;
  readonly keepAliveMs: number;
  readonly tracker: SourceStatusTracker;
  readonly metrics: StrataMetrics;
  readonly audit: AuditTrail;
  readonly environments: EnvironmentCatalog | undefined;
  readonly ui: boolean;
  /** Aborted by `close()`: open event streams end. */
  readonly closing: AbortSignal;
}
