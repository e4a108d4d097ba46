import { Description, Secret, Section } from '@strata/core';
import { IsInt, IsString, Max, Min } from 'class-validator';

/** The database settings. Vault supplies host, port, user and password; the pool size keeps its default. */
@Section('database')
export class DatabaseConfig {
  @Description('Database host name') @IsString() host = 'localhost';
  @IsInt() @Min(1) @Max(65535) port = 5432;
  @IsString() user = 'app';
  @Secret() @IsString() password!: string;
  @IsInt() @Min(1) poolSize = 10;
}
