import { injectable } from 'inversify';
// A value import: emitDecoratorMetadata needs the class at run time for injection by type.
import { LimitsConfig } from './limits.js';

/**
 * A request handler that injects `LimitsConfig` by type. Bound in transient scope and resolved per request
 * inside `config.runInScope({ tenant })`, it gets that tenant's limits.
 */
@injectable()
export class QuotaHandler {
  constructor(private readonly limits: LimitsConfig) {}

  /** The quota this request is held to. */
  quota(): string {
    return `${this.limits.requestsPerMinute} requests per minute`;
  }
}
