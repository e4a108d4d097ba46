import { Description, Secret, Section } from '@strata/core';
import { IsInt, IsString, Max, Min, OneOf, type OneOfValues } from '@strata/core/rules';

/** Where the HTTP server listens. */
@Description('Where the HTTP server listens')
@Section('server')
export class ServerConfig {
  @Description('Interface to bind') @IsString() host = '0.0.0.0';
  @Description('TCP port') @IsInt() @Min(1) @Max(65535) port = 8080;
}

/** The primary database. */
@Description('The primary database')
@Section('database')
export class DatabaseConfig {
  @Description('Connection URL') @IsString() url!: string;
  @Description('Database password') @Secret() @IsString() password!: string;
  @Description('Connections in the pool') @IsInt() @Min(1) @Max(100) poolSize = 10;
}

/** The log levels, lowest first. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;

/** Logging. */
@Description('Logging')
@Section('log')
export class LogConfig {
  @Description('Lowest level written') @OneOf(LOG_LEVELS) level: OneOfValues<typeof LOG_LEVELS> = 'info';
}
