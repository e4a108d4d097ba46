import { stringify } from 'yaml';

// `yaml` escapes C0 controls but writes DEL and C1 controls (CSI among them) raw inside double quotes.
const rawControls = /[\u007f-\u009f]/g;

/**
 * A tree as YAML for a terminal: `yaml`'s `stringify`, with DEL and C1 controls written as `\x` escapes.
 * `yaml` always double-quotes a string holding one, where `\x9b` is a valid escape for the same character.
 */
export function yamlText(tree: unknown): string {
  return stringify(tree).replace(rawControls, (char) => `\\x${char.charCodeAt(0).toString(16)}`);
}
