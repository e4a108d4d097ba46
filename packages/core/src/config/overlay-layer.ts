import type { Layer, LeafValue } from '../models/layer.js';
import { isPlainObject, LayerBuilder } from '../layer/layer-builder.js';

/**
 * The layer of a `derive` overlay: a value tree whose keys may be dotted paths (`{ 'server.port': 8080 }`,
 * as `explain` and the CLI spell them). Every segment goes through the {@link LayerBuilder}, so a dotted key
 * that reaches a prototype (`'__proto__.x'`) is refused like any other, not taken for one unknown key.
 */
export function overlayLayer(values: { readonly [key: string]: LeafValue }, name: string): Layer {
  const builder = new LayerBuilder({ source: name });
  const walk = (node: { readonly [key: string]: LeafValue }, path: readonly string[]): void => {
    for (const key of Object.keys(node)) {
      const value = node[key] as LeafValue;
      const next = [...path, ...key.split('.')];
      if (isPlainObject(value)) walk(value, next);
      else builder.set(next, value, { source: 'overlay', locator: `${name}:${next.join('.')}` });
    }
  };
  walk(values, []);
  return builder.build();
}
