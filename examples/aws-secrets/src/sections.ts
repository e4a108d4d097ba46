import { Section } from '@strata/core';
import { IsInt, IsString, Max, Min } from 'class-validator';

/** Database settings from the JSON secret `app/<env>/database`; every value of it is secret. */
@Section('database')
export class DatabaseConfig {
  @IsString() host = 'localhost';
  @IsInt() @Min(1) @Max(65535) port = 5432;
  @IsString() username!: string;
  // No @Secret() needed: every Secrets Manager value is secret in its origin, so it is redacted anyway.
  @IsString() password!: string;
}

/** The plain-text secret `app/<env>/api-key`, mapped to `api.key`. */
@Section('api')
export class ApiConfig {
  @IsString() key!: string;
}
