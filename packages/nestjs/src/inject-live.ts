import { Inject } from '@nestjs/common';
import type { Constructor } from '@strata/core';
import type { LiveDecorator } from '@strata/events';
import { liveToken } from './live-token.js';

/**
 * Parameter or property decorator injecting the `Live<T>` handle of a configuration class, for singletons that
 * must follow reloads: `constructor(@InjectLive(DatabaseConfig) private readonly db: Live<DatabaseConfig>)`.
 * Typed: the decorated parameter or property must be declared `Live<cls>`, so a handle of another class is a
 * compile error.
 */
export function InjectLive<T extends object>(cls: Constructor<T>): LiveDecorator<T> {
  const decorate = Inject(liveToken(cls)) as (
    target: object,
    key: string | symbol | undefined,
    index?: number,
  ) => void;
  return ((target: object, key: string | symbol | undefined, index?: number) =>
    decorate(target, key, index)) as LiveDecorator<T>;
}
