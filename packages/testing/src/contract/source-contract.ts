import {
  type ConfigSource,
  type Disposable,
  type Layer,
  type SourceContext,
  type SourceSignals,
  silentLogger,
} from '@strata/core';
import { readSchema } from '@strata/core/tooling';
import { activeResources } from './active-resources.js';
import { drainResources } from './drain-resources.js';
import { trackTimers } from './timer-tracker.js';
import { ContractFailure } from './contract-failure.js';
import { ContractSection } from './contract-section.js';
import type {
  ContractCheck,
  ContractFixture,
  ContractTree,
  SourceContractFixtures,
} from './source-contract-fixtures.js';

/** The segments every source must refuse (see DESIGN "Merging safely"). */
const UNSAFE = ['__proto__', 'constructor', 'prototype'] as const;

/**
 * The source contract as a list of named checks, for runners `describeSourceContract` does not fit: register
 * each with `it(check.name, check.run)`. Each check sets up a fresh store with `fixtures.setup()`, builds the
 * source with `factory`, and cleans up after itself. A failed check throws a `ContractFailure` naming the rule.
 */
export function sourceContract<F extends ContractFixture>(
  factory: (fixture: F) => ConfigSource,
  fixtures: SourceContractFixtures<F>,
): readonly ContractCheck[] {
  const schema = readSchema(fixtures.sections ?? [ContractSection]);
  const tree = (port: number): ContractTree => ({ contract: { host: 'contract-host', port } });

  const contextOf = (fixture: F, signal: AbortSignal): SourceContext => {
    const given = fixture.context?.() ?? {};
    return {
      environment: given.environment ?? 'test',
      schema,
      signal,
      logger: silentLogger,
      cwd: given.cwd ?? process.cwd(),
      env: given.env ?? {},
      argv: given.argv ?? [],
    };
  };

  /** Run `body` with a fresh fixture and source; dispose and clean up whatever happens. */
  const withSource =
    (body: (source: ConfigSource, fixture: F) => Promise<void>) => async (): Promise<void> => {
      const fixture = await fixtures.setup();
      try {
        const source = factory(fixture);
        try {
          await body(source, fixture);
        } finally {
          await source.dispose?.();
        }
      } finally {
        await fixture.cleanup?.();
      }
    };

  const load = (source: ConfigSource, fixture: F): Promise<Layer> =>
    source.load(contextOf(fixture, new AbortController().signal));

  const checks: ContractCheck[] = [
    {
      name: 'gives every leaf an origin, and names the layer after the source',
      run: withSource(async (source, fixture) => {
        await fixture.write(tree(7));
        const layer = await load(source, fixture);
        if (layer.entries.length === 0)
          throw new ContractFailure(source.name, 'a load of a filled store gave no values');
        if (layer.source !== source.name) {
          throw new ContractFailure(
            source.name,
            `its layer is named "${layer.source}", not after the source`,
          );
        }
        for (const entry of layer.entries) {
          const { origin } = entry;
          if (
            !origin ||
            typeof origin.source !== 'string' ||
            !origin.source ||
            typeof origin.locator !== 'string' ||
            !origin.locator
          ) {
            throw new ContractFailure(
              source.name,
              `the value at ${entry.path.join('.')} has no origin (source and locator)`,
            );
          }
        }
      }),
    },
    {
      name: fixtures.local
        ? 'settles a load whose signal is aborted'
        : 'rejects a load whose signal is aborted',
      run: withSource(async (source, fixture) => {
        await fixture.write(tree(7));
        const controller = new AbortController();
        controller.abort(new Error('aborted by the source contract'));
        const outcome = await source.load(contextOf(fixture, controller.signal)).then(
          () => 'resolved',
          () => 'rejected',
        );
        if (outcome === 'resolved' && !fixtures.local) {
          throw new ContractFailure(
            source.name,
            'a load with an aborted signal resolved; pass the signal to every request (or declare the source local)',
          );
        }
      }),
    },
    {
      name: 'answers describe() for every field, or has no describe()',
      run: withSource(async (source, fixture) => {
        if (!source.describe) return;
        const context = contextOf(fixture, new AbortController().signal);
        for (const field of schema.fields) {
          const answer: unknown = source.describe(field, context);
          if (answer !== undefined && (typeof answer !== 'string' || answer.trim() === '')) {
            throw new ContractFailure(
              source.name,
              `describe(${field.path}) gave ${String(answer)}, not text or undefined`,
            );
          }
        }
      }),
    },
    ...UNSAFE.map(
      (segment): ContractCheck => ({
        name: `refuses a "${segment}" key`,
        run: withSource(async (source, fixture) => {
          const inner: Record<string, ContractTree> = {};
          // An own key of that name, as JSON.parse would make it; `{ __proto__: … }` would set the prototype.
          Object.defineProperty(inner, segment, { value: { polluted: 'yes' }, enumerable: true });
          await fixture.write({ contract: inner });
          const layer = await load(source, fixture).catch(() => undefined);
          const polluted = (Object.prototype as Record<string, unknown>).polluted;
          if (polluted !== undefined) {
            delete (Object.prototype as Record<string, unknown>).polluted;
            throw new ContractFailure(source.name, `a "${segment}" key polluted Object.prototype`);
          }
          const unsafe = layer?.entries.find((entry) => entry.path.some((s) => s === segment));
          if (unsafe) {
            throw new ContractFailure(
              source.name,
              `a "${segment}" key came through as ${unsafe.path.join('.')}`,
            );
          }
        }),
      }),
    ),
    {
      name: 'signals a change once per change, or has no watch()',
      run: withSource(async (source, fixture) => {
        if (!source.watch) return;
        await fixture.write(tree(7));
        await load(source, fixture);
        const seen: string[] = [];
        let next: (() => void) | undefined;
        const signals: SourceSignals = {
          changed: (reason) => {
            seen.push(reason.detail);
            next?.();
          },
          failed: () => undefined,
          recovered: () => undefined,
        };
        const watcher: Disposable & { ready?: Promise<void> } = source.watch(
          contextOf(fixture, new AbortController().signal),
          signals,
        );
        try {
          await watcher.ready;
          for (let change = 1; change <= 2; change++) {
            const signalled = new Promise<void>((resolve) => {
              next = resolve;
            });
            await fixture.write(tree(7 + change));
            await signalled;
            // The source is loaded again on a signal, as the engine would.
            await load(source, fixture);
            if (seen.length !== change) {
              throw new ContractFailure(
                source.name,
                `${change} change(s) gave ${seen.length} signals: ${seen.join('; ')}`,
              );
            }
          }
        } finally {
          watcher.dispose();
        }
      }),
    },
    {
      name: 'leaves no handle open after dispose()',
      run: async () => {
        const before = activeResources();
        const timers = trackTimers();
        let name = 'source';
        await withSource(async (source, fixture) => {
          name = source.name;
          await fixture.write(tree(7));
          await load(source, fixture);
          const watcher = source.watch?.(contextOf(fixture, new AbortController().signal), {
            changed: () => undefined,
            failed: () => undefined,
            recovered: () => undefined,
          }) as (Disposable & { ready?: Promise<void> }) | undefined;
          await watcher?.ready;
          watcher?.dispose();
        })();
        let left: string[];
        try {
          left = await drainResources(before, timers);
        } finally {
          timers.stop();
        }
        if (left.length > 0)
          throw new ContractFailure(name, `handles left open after dispose(): ${left.join(', ')}`);
      },
    },
  ];
  return checks;
}
