import type { Constructor } from '@strata/core';
import { inversifyModule } from '../lazy-modules.js';
import type { LiveDecorator } from './live-decorator.js';
import { liveIdentifier } from './live-identifier.js';

/**
 * inversify's `@inject(liveIdentifier(cls))`, typed: the parameter or property it decorates must be declared
 * `Live<cls>`, so a handle of one class injected where another's is expected is a compile error rather than
 * a wrong object at run time.
 *
 * ```ts
 * @injectable()
 * class Pool {
 *   constructor(@injectLive(DatabaseConfig) private readonly db: Live<DatabaseConfig>) {}
 * }
 * ```
 *
 * Needs inversify (an optional peer), loaded when the decorator is applied. The binding comes from
 * `liveModule(config)` or `bindLive`.
 */
export function injectLive<T extends object>(cls: Constructor<T>): LiveDecorator<T> {
  const decorate = inversifyModule().inject(liveIdentifier(cls)) as (
    target: object,
    key: string | symbol | undefined,
    index?: number,
  ) => void;
  return ((target: object, key: string | symbol | undefined, index?: number) =>
    decorate(target, key, index)) as LiveDecorator<T>;
}
