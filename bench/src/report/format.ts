import type { Summary } from '../measure/stats.js';

/** Milliseconds with a precision that suits their size. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return '–';
  if (value < 10) return value.toFixed(2);
  if (value < 100) return value.toFixed(1);
  return value.toFixed(0);
}

/** `p25–p75` of a summary. */
export function quartiles(summary: Summary): string {
  return `${ms(summary.p25)}–${ms(summary.p75)}`;
}

/** `min–max` of a summary. */
export function range(summary: Summary): string {
  return `${ms(summary.min)}–${ms(summary.max)}`;
}

/** A ratio such as `3.42×`. */
export function ratio(value: number): string {
  if (!Number.isFinite(value)) return '–';
  return value >= 100
    ? `${value.toFixed(0)}×`
    : value >= 10
      ? `${value.toFixed(1)}×`
      : `${value.toFixed(2)}×`;
}

/** Bytes as MiB. */
export function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

/** Nanoseconds. */
export function ns(value: number): string {
  return Number.isFinite(value) ? value.toFixed(2) : '–';
}

/** A Markdown table. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const escapeCell = (cell: string): string => cell.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return [
    `| ${header.map(escapeCell).join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.map(escapeCell).join(' | ')} |`),
  ].join('\n');
}

/** `10,000` */
export function count(value: number): string {
  return value.toLocaleString('en-US');
}
