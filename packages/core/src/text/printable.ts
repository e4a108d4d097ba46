// C0 controls, DEL and C1 controls: what a terminal may act on (ESC starts a sequence; C1 CSI does too).
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is escaped
const controls = /[\u0000-\u001f\u007f-\u009f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is escaped
const allControls = /[\u0000-\u001f\u007f-\u009f]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is escaped
const controlsButLayout = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

const named: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * `text` safe to print to a terminal: every control character (C0, DEL, C1) written as an escape (`\x1b`,
 * `\n`), so a key, value or file name from configuration can neither move the cursor, recolour, retitle the
 * window nor forge a line of a message. Applied where keys, values and origins are formatted into messages
 * (`formatValue`, `formatIssue`, `formatOrigin`) and, with `keepLayout`, to every `StrataError` message.
 *
 * @param keepLayout keep line feeds and tabs: for whole messages, whose lines are structure. Keys and values
 *   are escaped without it, so that a newline inside one cannot start a line of its own.
 * @example printable('db\u001b[2Jhost') // 'db\\x1b[2Jhost'
 */
export function printable(text: string, keepLayout = false): string {
  // Most text has nothing to escape: no new string for it.
  if (!controls.test(text)) return text;
  return text.replace(keepLayout ? controlsButLayout : allControls, escapeControl);
}

function escapeControl(char: string): string {
  return named[char] ?? `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`;
}
