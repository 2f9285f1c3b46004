/**
 * The finances chart, loaded only by the finances page (a dynamic `import()`), so uPlot and its
 * stylesheet stay out of the entry chunk: a month-by-month bar chart of income beside expenses.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** What one chart draws: a bar per month for each of two series, and the words around it. */
export interface BarChartSpec {
  /** The canvas's accessible name. */
  name: string;
  /** The months' names under the bars, oldest first. */
  labels: string[];
  income: { label: string; values: number[]; colour: string };
  expense: { label: string; values: number[]; colour: string };
  /** The axis's and grid's colours (computed from the design tokens). */
  axisColour: string;
  gridColour: string;
  /** How a value on the vertical axis is written. */
  formatValue: (value: number) => string;
}

/** A drawn chart: `resize` to a new width in CSS pixels, `destroy` to remove it (idempotent). */
export interface DrawnChart {
  resize(widthPx: number): void;
  destroy(): void;
}

/** The chart's height in CSS pixels. */
const chartHeightPx = 220;

/** Draws `spec` into `container` at `widthPx`; the canvas gets `role="img"` and the spec's name. */
export function drawBarChart(container: HTMLElement, spec: BarChartSpec, widthPx: number): DrawnChart {
  const indexes = spec.labels.map((_, index) => index);
  const bars = uPlot.paths.bars;
  const series = (entry: BarChartSpec['income'], align: -1 | 1): uPlot.Series => ({
    label: entry.label,
    stroke: entry.colour,
    fill: entry.colour,
    width: 0,
    points: { show: false },
    ...(bars ? { paths: bars({ size: [0.4, 28], align }) } : {}),
  });
  const axis = { stroke: spec.axisColour, grid: { stroke: spec.gridColour, width: 1 }, ticks: { show: false } };
  const chart = new uPlot(
    {
      width: widthPx,
      height: chartHeightPx,
      legend: { show: false },
      cursor: { show: false },
      select: { show: false, left: 0, top: 0, width: 0, height: 0 },
      scales: {
        x: { time: false, range: [-0.5, spec.labels.length - 0.5] },
        y: { range: (_chart, min, max) => [Math.min(0, min), max > 0 ? max * 1.1 : 1] },
      },
      axes: [
        {
          ...axis,
          grid: { show: false },
          splits: () => indexes,
          values: (_chart, splits) => splits.map((split) => spec.labels[split] ?? ''),
        },
        { ...axis, size: 64, values: (_chart, splits) => splits.map((split) => spec.formatValue(split)) },
      ],
      series: [{}, series(spec.income, -1), series(spec.expense, 1)],
    },
    [indexes, spec.income.values, spec.expense.values],
    container,
  );
  const canvas = chart.root.querySelector('canvas');
  canvas?.setAttribute('role', 'img');
  canvas?.setAttribute('aria-label', spec.name);
  let destroyed = false;
  return {
    resize: (width) => {
      if (!destroyed) chart.setSize({ width, height: chartHeightPx });
    },
    destroy: () => {
      if (destroyed) return;
      destroyed = true;
      chart.destroy();
    },
  };
}
