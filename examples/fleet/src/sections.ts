import { Secret, Section } from '@strata/core';
import { IsString, MinLength } from '@strata/core/rules';

/** What every instance of the service reads: a greeting and an API token, both from Vault. */
@Section('app')
export class AppConfig {
  @IsString() @MinLength(1) greeting = 'hello';
  @Secret() apiToken = '';
}
