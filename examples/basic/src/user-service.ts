import { injectable } from 'inversify';
// A value import, not `import type`: emitDecoratorMetadata needs the classes at run time for injection by type.
import { DatabaseConfig, LogConfig } from './sections.js';

/** An ordinary service: it asks for the sections it needs by type. */
@injectable()
export class UserService {
  constructor(
    private readonly database: DatabaseConfig,
    private readonly log: LogConfig,
  ) {}

  describe(): string {
    return `UserService → ${this.database.url} (pool of ${this.database.poolSize}), logging at ${this.log.level}`;
  }
}
