import { Section } from '@strata/core';

/**
 * The schema the contract loads sources with, unless the fixtures give their own: two values, one text and
 * one number, under `contract`. Fixtures write `{ contract: { host, port } }` in their source's own format.
 *
 * Plain property initialisers and no rules: the contract checks sources, not validation, and keeps class-validator
 * out of the kit's runtime.
 */
@Section('contract')
export class ContractSection {
  host = 'localhost';
  port = 1;
}
