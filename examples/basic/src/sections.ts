import { Description, Secret, Section } from '@strata/core';
import { IsIn, IsInt, IsString, Max, Min } from '@strata/core/rules';

/** Where the HTTP server listens. */
@Section('server')
export class ServerConfig {
  @Description('Interface to bind') @IsString() host = '0.0.0.0';
  @Description('TCP port') @IsInt() @Min(1) @Max(65535) port = 8080;
}

/** The primary database. */
@Section('database')
export class DatabaseConfig {
  @Description('Connection URL') @IsString() url!: string;
  @Description('Database password') @Secret() @IsString() password!: string;
  @Description('Connections in the pool') @IsInt() @Min(1) @Max(100) poolSize = 10;
}

/** Logging. */
@Section('log')
export class LogConfig {
  @Description('Lowest level written') @IsIn(['debug', 'info', 'warn', 'error']) level = 'info';
}
