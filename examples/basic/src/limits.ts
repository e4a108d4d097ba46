import { Description, Section } from '@strata/core';
import { IsInt, Max, Min } from '@strata/core/rules';

/** Per-tenant request quota: the service's default, raised or lowered by a tenant's file. */
@Section('limits')
export class LimitsConfig {
  @Description('Requests one tenant may make per minute')
  @IsInt()
  @Min(1)
  @Max(100_000)
  requestsPerMinute = 600;
}
