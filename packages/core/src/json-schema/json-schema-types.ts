/** A JSON Schema (draft 2020-12) node, as plain JSON. */
export type JsonSchema = { [keyword: string]: unknown };
