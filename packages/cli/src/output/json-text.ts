// JSON escapes C0 controls in strings but leaves DEL and the C1 controls (U+0080–U+009F, CSI among them) raw.
const rawControls = /[\u007f-\u009f]/g;

/**
 * `JSON.stringify` that also takes bigints (as strings) and errors (as `{ code, message }`), and writes DEL
 * and C1 controls as `\u` escapes: the same JSON value, but nothing a terminal would act on.
 */
export function jsonText(value: unknown, indent?: number): string {
  const text = JSON.stringify(
    value,
    (_key, item: unknown) => {
      if (typeof item === 'bigint') return item.toString();
      if (item instanceof Error) {
        const code = (item as { code?: unknown }).code;
        return code === undefined ? { message: item.message } : { code, message: item.message };
      }
      return item;
    },
    indent,
  );
  // Outside strings JSON has no such characters, so every one replaced is inside a string.
  return text === undefined ? text : text.replace(rawControls, unicodeEscape);
}

function unicodeEscape(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}
