import { Secret, Section } from '@strata/core';
import { IsIn, IsInt, IsString, Max, Min, MinLength } from 'class-validator';

/** The secret value every test configuration holds: no answer, event, metric or record may contain it. */
export const SECRET = 'hunter2-s3cr3t-value';

@Section('server')
export class ServerConfig {
  @IsInt() @Min(1) @Max(65535) port = 8080;
  @IsString() @MinLength(1) host = 'localhost';
}

@Section('log')
export class LogConfig {
  @IsIn(['debug', 'info', 'warn', 'error']) level = 'info';
}

@Section('database')
export class DatabaseConfig {
  @IsString() @MinLength(1) url = 'postgres://db/app';
  @Secret() @IsString() password!: string;
}

/** The sections of every test configuration. */
export const sections = [ServerConfig, LogConfig, DatabaseConfig];
