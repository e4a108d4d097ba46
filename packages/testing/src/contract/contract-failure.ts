/**
 * A source broke the contract. A plain `Error` subclass, not a `StrataError`: it is a test failure, shown by
 * the runner, never something an application catches. The message says which rule and what was seen.
 */
export class ContractFailure extends Error {
  constructor(source: string, message: string) {
    super(`Source "${source}" breaks the source contract: ${message}`);
    this.name = 'ContractFailure';
  }
}
