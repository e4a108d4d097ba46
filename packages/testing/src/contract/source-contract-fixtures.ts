import type { Constructor, SourceContext } from '@strata/core';

/** A tree of values the contract asks a fixture to put where its source reads them. */
export type ContractTree = { readonly [key: string]: string | number | ContractTree };

/** What a source reads besides its store, for the contract's loads. */
export type ContractContext = Partial<Pick<SourceContext, 'env' | 'argv' | 'cwd' | 'environment'>>;

/** One prepared store (a temp folder, an environment record, a server) for one check. */
export interface ContractFixture {
  /**
   * Make the store hold exactly `tree`, replacing what it held: write a file, fill an environment record,
   * put a secret. Keys may be `__proto__`, `constructor` or `prototype` (as own keys): write them as the
   * store would hold them.
   */
  write(tree: ContractTree): Promise<void> | void;
  /** The environment variables, arguments, directory and environment name the source reads. Asked per load. */
  context?(): ContractContext;
  /** Remove what `setup` made (temp folders, servers). Called after every check, failed or not. */
  cleanup?(): Promise<void> | void;
}

/** How the contract prepares a source: see `describeSourceContract`. */
export interface SourceContractFixtures<F extends ContractFixture = ContractFixture> {
  /** Prepare a fresh store for one check. */
  setup(): Promise<F> | F;
  /** The sections the loads read. @default the contract's own `contract` section (`host`, `port`) */
  readonly sections?: readonly Constructor[];
  /**
   * The source only reads memory or local files, so an aborted load has nothing to cancel: a load with an
   * aborted signal may then resolve. A remote source must reject it. @default false
   */
  readonly local?: boolean;
}

/** One named check, to register with any runner: `it(check.name, check.run)`. */
export interface ContractCheck {
  readonly name: string;
  run(): Promise<void>;
}

/** The `describe` and `it` of vitest, jest, mocha or node:test. */
export interface ContractRunner {
  describe(name: string, body: () => void): unknown;
  it(name: string, body: () => Promise<void>): unknown;
}
