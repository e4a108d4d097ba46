/** `JSON.stringify` that also takes bigints (as strings) and errors (as `{ code, message }`). */
export function jsonText(value: unknown, indent?: number): string {
  return JSON.stringify(
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
}
