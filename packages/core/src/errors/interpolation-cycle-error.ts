import { formatOrigin, type Origin } from '../models/origin.js';
import { StrataError } from './strata-error.js';

/** One value on an interpolation cycle: its path and where its template came from. */
export interface CycleStep {
  readonly path: string;
  readonly origin: Origin;
}

/**
 * `${…}` references that lead back to where they started (`a: ${b}`, `b: ${a}`). No value on the cycle can
 * be computed, so the load (or reload) stops; the message lists every step with its origin, so the file and
 * line to fix is in front of the reader.
 */
export class InterpolationCycleError extends StrataError {
  static override readonly errorCode = 'INTERPOLATION_CYCLE' as const;

  /** The values on the cycle, in reference order; the first one's template refers to the second, and so on. */
  readonly cycle: readonly CycleStep[];

  constructor(cycle: readonly CycleStep[]) {
    const steps = cycle.map((step) => `${step.path} (${formatOrigin(step.origin)})`);
    super(
      'INTERPOLATION_CYCLE',
      `The \${…} references form a cycle: ${[...steps, cycle[0]?.path ?? ''].join(' → ')}; break it by setting one of these values without a reference`,
    );
    this.cycle = cycle;
  }
}
