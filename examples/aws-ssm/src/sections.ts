import { Section } from '@strata/core';
import { IsInt, IsString, Max, Min } from 'class-validator';

/** Database settings from `/app/<env>/database/*`; the password is a SecureString. */
@Section('database')
export class DatabaseConfig {
  @IsString() host = 'localhost';
  @IsInt() @Min(1) @Max(65535) port = 5432;
  @IsInt() @Min(1) poolSize = 10;
  // No @Secret() needed: a SecureString's origin is secret, so it is redacted anyway.
  @IsString() password!: string;
}

/** HTTP settings from two StringLists; `trustedPorts` is converted to numbers item by item. */
@Section('http')
export class HttpConfig {
  @IsString({ each: true }) allowedOrigins: string[] = [];
  @IsInt({ each: true }) @Min(1, { each: true }) @Max(65535, { each: true }) trustedPorts: number[] = [];
}
