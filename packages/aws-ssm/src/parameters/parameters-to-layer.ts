import { type Layer, type Origin, SourceError } from '@strata/core';
import { LayerBuilder } from '@strata/core/source';
import { segmentsOf } from './parameter-path.js';
import type { SsmParameter } from './ssm-parameter.js';

/** Options of {@link parametersToLayer}. */
export interface ParametersToLayerOptions {
  /** The source's name. */
  readonly source: string;
  readonly parameters: readonly SsmParameter[];
  /** Stripped from each name before it is split on `/` (`/app/prod/`). */
  readonly prefix: string | undefined;
  /** Segments every path is nested under. */
  readonly into: readonly string[];
  readonly secureStringsAreSecret: boolean;
  /** A parameter that is also the parent of others: fail, or keep the branch. */
  readonly leafAndBranch: 'error' | 'branch-wins';
  /** Notes shown with the load result. */
  readonly warnings: readonly string[];
}

/**
 * The layer of a set of parameters: one textual leaf per parameter, at its name's segments (raw; the engine
 * maps them onto schema names). StringList values become arrays. Unsafe segments are refused by
 * {@link LayerBuilder} with an `UnsafeKeyError` naming the parameter.
 */
export function parametersToLayer(options: ParametersToLayerOptions): Layer {
  const builder = new LayerBuilder({ source: options.source, textual: true });
  for (const warning of options.warnings) builder.warn(warning);
  const sorted = [...options.parameters].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const keyed = sorted.map((parameter) => ({
    parameter,
    segments: segmentsOf(parameter.name, options.prefix),
  }));
  const shadowed = leavesUnderBranches(keyed, options);
  for (const { parameter, segments } of keyed) {
    const origin = originOf(parameter, options.secureStringsAreSecret);
    if (segments.length === 0) {
      builder.warn(`Parameter ${parameter.name} is the path itself, not a value under it; skipped`);
      continue;
    }
    const branch = shadowed.get(parameter.name);
    if (branch !== undefined) {
      builder.warn(
        `Parameter ${parameter.name} is skipped: ${branch} is under it, and a key cannot be a value and an object at once (leafAndBranch: 'branch-wins')`,
      );
      continue;
    }
    const value = parameter.type === 'StringList' ? parameter.value.split(',') : parameter.value;
    builder.set([...options.into, ...segments], value, origin);
  }
  return builder.build();
}

/**
 * Parameters that are also the parent of another (`/app/prod/database` and `/app/prod/database/host`), by
 * name, each with one parameter under it. With `leafAndBranch: 'error'` the first such pair fails the load,
 * naming both: left to the merge, the clash would surface as a conflict far from its cause.
 */
function leavesUnderBranches(
  keyed: ReadonlyArray<{ parameter: SsmParameter; segments: string[] }>,
  options: ParametersToLayerOptions,
): Map<string, string> {
  const byKey = new Map<string, string>();
  for (const { parameter, segments } of keyed) {
    if (segments.length > 0) byKey.set(segments.join('\u0000'), parameter.name);
  }
  const shadowed = new Map<string, string>();
  for (const { parameter, segments } of keyed) {
    for (let length = 1; length < segments.length; length += 1) {
      const leaf = byKey.get(segments.slice(0, length).join('\u0000'));
      if (leaf === undefined || shadowed.has(leaf)) continue;
      if (options.leafAndBranch === 'error') {
        throw new SourceError(
          options.source,
          `parameter ${leaf} has a value and is also the parent of ${parameter.name}: a key cannot be a value ` +
            "and an object at once. Rename or delete one of them, or set leafAndBranch: 'branch-wins' to keep " +
            `the parameters under ${leaf} and skip it.`,
        );
      }
      shadowed.set(leaf, parameter.name);
    }
  }
  return shadowed;
}

function originOf(parameter: SsmParameter, secureStringsAreSecret: boolean): Origin {
  const secret = secureStringsAreSecret && parameter.type === 'SecureString';
  return {
    source: 'aws-ssm',
    locator: parameter.arn ?? parameter.name,
    ...(parameter.version === undefined ? {} : { version: parameter.version }),
    ...(secret ? { secret: true } : {}),
  };
}
