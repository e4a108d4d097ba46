/**
 * The values that select a scope: one per scope level, e.g. `{ tenant: 'acme', user: 'u-42' }`. The levels are
 * those the definition's `scopes.levels` declares (by default `tenant` then `user`); a level left out has no
 * layers in that scope. Values are input (a request's tenant id): each is checked before it reaches a path
 * template, see `expandScopeTemplate`.
 */
export type ScopeValues = { readonly [level: string]: string };
