/** The literal union of a list of allowed values: `OneOfValues<typeof levels>` for `['debug', 'info'] as const`. */
export type OneOfValues<Values extends readonly unknown[]> = Values[number];
