import { Description, Reloadable, Secret, Section } from '@strata/core';

/** The secret every test sets, and asserts never appears in an event, a message or a forwarded payload. */
export const SECRET = 'hunter2-s3cr3t-value';

/** A nested configuration class. */
export class PoolConfig {
  size = 5;
  idleMs = 10_000;
}

@Section('database')
export class DatabaseConfig {
  host = 'localhost';
  port = 5432;
  @Secret() password = 'initial-password';
  @Description('Connection pool') pool: PoolConfig = new PoolConfig();
}

@Section('server')
export class ServerConfig {
  port = 8080;
  greeting = 'hello';
  @Reloadable(false) workers = 2;
}

/** The sections of every test configuration. */
export const sections = [DatabaseConfig, ServerConfig];
