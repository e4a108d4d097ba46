import { type Layer, type Origin } from '@strata/core';
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
  for (const parameter of sorted) {
    const segments = segmentsOf(parameter.name, options.prefix);
    const origin = originOf(parameter, options.secureStringsAreSecret);
    if (segments.length === 0) {
      builder.warn(`Parameter ${parameter.name} is the path itself, not a value under it; skipped`);
      continue;
    }
    const value = parameter.type === 'StringList' ? parameter.value.split(',') : parameter.value;
    builder.set([...options.into, ...segments], value, origin);
  }
  return builder.build();
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
