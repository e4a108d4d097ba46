import { LIBRARIES, LIBRARY_IDS } from '../libs/libraries.js';
import type { Summary } from '../measure/stats.js';
import { isFailure } from '../suites/failure.js';
import type { BenchResults } from './bench-results.js';
import { ms, ns, ratio } from './format.js';

/** One target of the issues and whether this run met it. */
export interface TargetCheck {
  readonly target: string;
  readonly source: string;
  readonly measured: string;
  /** `undefined`: not measured in this run. */
  readonly met: boolean | undefined;
}

const LARGE = 10_000;

/** The targets of issues #8 and #2, checked against the medians of this run. */
export function checkTargets(results: BenchResults): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const large = results.inProcess[LARGE];
  const strataLarge = large?.strata;
  const validatingPeers = LIBRARY_IDS.filter((id) => id !== 'strata' && LIBRARIES[id].validates);
  if (!large || !strataLarge || isFailure(strataLarge)) {
    checks.push(
      notMeasured('In-process load + validate of 10,000 keys faster than every validating peer', '#8'),
    );
    checks.push(notMeasured('In-process load + validate of 10,000 keys under 50 ms', '#8'));
    checks.push(notMeasured('10,000 keys across three layers, in-process, under 100 ms', '#2'));
  } else {
    const strata = strataLarge.ms.median;
    const ratios = validatingPeers.map((id) => {
      const peer = large[id];
      return { id, value: peer && !isFailure(peer) ? peer.ms.median / strata : Number.NaN };
    });
    checks.push({
      target:
        'In-process load + validate of 10,000 keys: faster than every peer that validates (ratio ≥ 1.0)',
      source: '#8',
      measured: ratios.map((r) => `${LIBRARIES[r.id].label} ${ratio(r.value)}`).join(', '),
      met: ratios.every((r) => r.value >= 1),
    });
    checks.push({
      target: 'In-process load + validate of 10,000 keys under 50 ms',
      source: '#8',
      measured: `${ms(strata)} ms`,
      met: strata < 50,
    });
    checks.push({
      target: '10,000 keys across three layers (YAML + YAML + 500 env variables), in-process, under 100 ms',
      source: '#2',
      measured: `${ms(strata)} ms`,
      met: strata < 100,
    });
  }
  const small = results.coldStart[50];
  const strataCold = small?.strata;
  if (!small || !strataCold || isFailure(strataCold)) {
    checks.push(notMeasured('Cold start of 50 keys within 1.2× of the fastest peer', '#8'));
  } else {
    let fastest: { label: string; wall: Summary } | undefined;
    for (const id of LIBRARY_IDS) {
      const peer = small[id];
      if (id === 'strata' || !peer || isFailure(peer)) continue;
      if (!fastest || peer.wallMs.median < fastest.wall.median)
        fastest = { label: LIBRARIES[id].label, wall: peer.wallMs };
    }
    const factor = fastest ? strataCold.wallMs.median / fastest.wall.median : Number.NaN;
    // The floor row (no loader at all) says how much of the gap any loader of these classes would have.
    const floor = small.floor;
    const floorNote =
      fastest && floor && !isFailure(floor)
        ? `; the floor (decorated classes + js-yaml, no loader): ${ms(floor.wallMs.median)} ms, ${ratio(floor.wallMs.median / fastest.wall.median)}`
        : '';
    checks.push({
      target: 'Cold start of 50 keys within 1.2× of the fastest peer, whatever it validates',
      source: '#8',
      measured: fastest
        ? `Strata ${ms(strataCold.wallMs.median)} ms vs ${fastest.label} ${ms(fastest.wall.median)} ms: ${ratio(factor)}${floorNote}`
        : 'no peer measured',
      met: fastest ? factor <= 1.2 : undefined,
    });
  }
  const hot = results.hotPath.strata;
  if (!hot || isFailure(hot)) {
    checks.push(notMeasured("Hot-path read within 2× of a frozen object's property", '#8'));
  } else {
    const factor = hot.nsPerRead.median / hot.frozenNsPerRead.median;
    checks.push({
      target: "Hot-path read: a plain property read, within 2× of reading a frozen object's property",
      source: '#8',
      measured: `${ns(hot.nsPerRead.median)} ns vs ${ns(hot.frozenNsPerRead.median)} ns: ${ratio(factor)}`,
      met: factor <= 2,
    });
  }
  return checks;
}

function notMeasured(target: string, source: string): TargetCheck {
  return { target, source, measured: 'not measured in this run', met: undefined };
}
