import { Inject } from '@nestjs/common';
import type { Constructor } from '@strata/core';
import { liveToken } from './live-token.js';

/**
 * Parameter decorator injecting the `Live<T>` handle of a configuration class, for singletons that must follow
 * reloads: `constructor(@InjectLive(DatabaseConfig) private readonly db: Live<DatabaseConfig>)`.
 * TypeScript cannot tie the decorator's class to the parameter's type, so keep the two the same by hand.
 */
export function InjectLive(cls: Constructor): PropertyDecorator & ParameterDecorator {
  return Inject(liveToken(cls));
}
