import type { ConfigSource, SourceContext } from '../models/source.js';
import type { FieldSchema } from '../models/schema-model.js';

/** How `field` can be set, highest-precedence source first. */
export function describeInputs(
  sources: readonly ConfigSource[],
  context: SourceContext,
  field: FieldSchema,
): string[] {
  const inputs: string[] = [];
  for (let i = sources.length - 1; i >= 0; i--) {
    const text = sources[i]!.describe?.(field, context);
    if (text !== undefined && !inputs.includes(text)) inputs.push(text);
  }
  return inputs;
}
