import { Secret, Section } from '@strata/core';
import { IsInt, Min } from '@strata/core/rules';

/** The secret every fleet test holds: it must never appear in anything written to Redis. */
export const CANARY = 'fleet-canary-7f3a9c-SECRET';

@Section('app')
export class AppConfig {
  @IsInt() @Min(1) port = 8080;
  greeting = 'hello';
  @Secret() password = 'initial';
}

/** The sections of every fleet test configuration. */
export const sections = [AppConfig];
