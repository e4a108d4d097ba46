/** One line of the plot: when each instance held the new value, ms after the edit. */
export interface ConvergenceSeries {
  readonly label: string;
  readonly reachedMs: readonly number[];
  readonly total: number;
}

const WIDTH = 760;
const PLOT_HEIGHT = 312;
const LEGEND_ROW = 18;
const COLOURS = ['#1f6fd1', '#d9822b', '#6b6b6b', '#2a9d55'];

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** What {@link convergenceSvg} draws; also the JSON file the bench writes beside the SVG. */
export interface ConvergencePlot {
  readonly title: string;
  readonly series: readonly ConvergenceSeries[];
}

/**
 * A hand-written SVG: instances holding the new value against the time since the edit (logarithmic, so a
 * one-second convergence and a thirty-second one both show), one step line per series.
 */
export function convergenceSvg(options: ConvergencePlot): string {
  // The legend goes under the axis label: inside the plot it would cover the fast line.
  const PAD = { left: 64, right: 20, top: 40, bottom: 52 + LEGEND_ROW * options.series.length };
  const HEIGHT = PAD.top + PLOT_HEIGHT + PAD.bottom;
  const all = options.series.flatMap((series) => series.reachedMs);
  const total = Math.max(1, ...options.series.map((series) => series.total));
  const minS = 0.1;
  const maxS = 10 ** Math.ceil(Math.log10(Math.max(1, ...all) / 1000));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = (ms: number): number => {
    const s = Math.min(maxS, Math.max(minS, ms / 1000));
    return PAD.left + (Math.log10(s / minS) / Math.log10(maxS / minS)) * plotW;
  };
  const y = (count: number): number => PAD.top + plotH - (count / total) * plotH;
  const f = (value: number): string => value.toFixed(1);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12" role="img">`,
    `<title>${escapeXml(options.title)}: instances holding the new value against the time since the edit</title>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#fff"/>`,
    `<text x="${WIDTH / 2}" y="22" text-anchor="middle" font-size="14">${escapeXml(options.title)}</text>`,
  ];
  for (let decade = minS; decade <= maxS * 1.001; decade *= 10) {
    for (const step of [1, 3]) {
      const s = decade * step;
      if (s > maxS * 1.001) continue;
      const gx = f(x(s * 1000));
      parts.push(
        `<line x1="${gx}" y1="${PAD.top}" x2="${gx}" y2="${PAD.top + plotH}" stroke="#e4e4e4"/>`,
        `<text x="${gx}" y="${PAD.top + plotH + 16}" text-anchor="middle">${Number(s.toPrecision(2))} s</text>`,
      );
    }
  }
  for (const share of [0, 0.25, 0.5, 0.75, 1]) {
    const gy = f(y(share * total));
    parts.push(
      `<line x1="${PAD.left}" y1="${gy}" x2="${PAD.left + plotW}" y2="${gy}" stroke="#e4e4e4"/>`,
      `<text x="${PAD.left - 6}" y="${gy}" text-anchor="end" dominant-baseline="middle">${Math.round(share * total)}</text>`,
    );
  }
  parts.push(
    `<rect x="${PAD.left}" y="${PAD.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#999"/>`,
    `<text x="${PAD.left + plotW / 2}" y="${PAD.top + plotH + 36}" text-anchor="middle">time since the edit (log scale)</text>`,
    `<text transform="translate(16 ${PAD.top + plotH / 2}) rotate(-90)" text-anchor="middle">instances holding the new value</text>`,
  );
  const legendY = (index: number): number => PAD.top + plotH + 58 + index * LEGEND_ROW;
  options.series.forEach((series, index) => {
    const colour = COLOURS[index % COLOURS.length];
    const sorted = [...series.reachedMs].sort((a, b) => a - b);
    let points = `${f(x(0))},${f(y(0))}`;
    sorted.forEach((ms, count) => {
      points += ` ${f(x(ms))},${f(y(count))} ${f(x(ms))},${f(y(count + 1))}`;
    });
    points += ` ${f(PAD.left + plotW)},${f(y(sorted.length))}`;
    parts.push(
      `<polyline fill="none" stroke="${colour}" stroke-width="2" points="${points}"/>`,
      `<line x1="${PAD.left + 12}" y1="${legendY(index)}" x2="${PAD.left + 36}" y2="${legendY(index)}" stroke="${colour}" stroke-width="3"/>`,
      `<text x="${PAD.left + 42}" y="${legendY(index)}" dominant-baseline="middle">${escapeXml(series.label)}</text>`,
    );
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
