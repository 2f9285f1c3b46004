/**
 * The last twelve months as two bar charts, money and credits, income beside expenses. uPlot is
 * loaded the first time this is shown (its own chunk); the table below holds the same figures.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatNumber } from '../../app/intl/language.js';
import { ErrorLine } from '../../ui/index.js';
import { type ChartSeries, type CreditUnit, chartValue, currencyScale, monthName } from './finances.js';
import type { BarChartSpec, DrawnChart } from './finances-chart.js';
import { t } from './messages.js';

/** A design token's colour as the canvas needs it, read from an element styled with it. */
function colourOf(element: Element | null, property: 'color' | 'background-color'): string {
  return element ? getComputedStyle(element).getPropertyValue(property) : 'currentColor';
}

export function FinancesChart(props: { series: ChartSeries; currency: string; credit: CreditUnit }) {
  const figure = useRef<HTMLElement>(null);
  const moneyChart = useRef<HTMLDivElement>(null);
  const creditChart = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'loading' | 'drawn' | 'failed'>('loading');
  const { series, currency, credit } = props;
  const first = monthName(series.months[0] ?? '');
  const last = monthName(series.months.at(-1) ?? '');

  useEffect(() => {
    let charts: DrawnChart[] = [];
    let cancelled = false;
    let observer: ResizeObserver | undefined;
    import('./finances-chart.js').then(
      ({ drawBarChart }) => {
        const root = figure.current;
        if (cancelled || !root || !moneyChart.current || !creditChart.current) return;
        const labels = series.months.map((month) => monthName(month, 'axis'));
        const common = {
          labels,
          axisColour: colourOf(root, 'color'),
          gridColour: colourOf(root.querySelector('.finances-grid'), 'color'),
          formatValue: (value: number) => formatNumber(value, { notation: 'compact' }),
        };
        const income = colourOf(root.querySelector('.finances-swatch.income'), 'background-color');
        const expense = colourOf(root.querySelector('.finances-swatch.expense'), 'background-color');
        const spec = (name: string, values: ChartSeries['money'], scale: number): BarChartSpec => ({
          ...common,
          name,
          income: { label: t('chart.income'), colour: income, values: values.income.map((value) => chartValue(value, scale)) },
          expense: { label: t('chart.expense'), colour: expense, values: values.expense.map((value) => chartValue(value, scale)) },
        });
        const targets = [moneyChart.current, creditChart.current];
        charts = [
          drawBarChart(
            moneyChart.current,
            spec(t('chart.moneyName', { first, last }), series.money, currencyScale(currency)),
            moneyChart.current.clientWidth,
          ),
          drawBarChart(
            creditChart.current,
            spec(t('chart.creditsName', { first, last, name: credit.name }), series.credits, credit.scale),
            creditChart.current.clientWidth,
          ),
        ];
        observer = new ResizeObserver(() => {
          for (const [index, chart] of charts.entries()) chart.resize(targets[index]?.clientWidth ?? 300);
        });
        for (const target of targets) observer.observe(target);
        setState('drawn');
      },
      () => {
        if (!cancelled) setState('failed');
      },
    );
    return () => {
      cancelled = true;
      observer?.disconnect();
      for (const chart of charts) chart.destroy();
    };
  }, [series, currency, credit, first, last]);

  return (
    <figure
      ref={figure}
      class="finances-chart"
      data-testid="finances-chart"
      aria-labelledby="finances-chart-name"
      aria-describedby="finances-chart-description"
      aria-busy={state === 'loading'}
    >
      <figcaption>
        <h2 id="finances-chart-name">{t('chart.heading')}</h2>
        <p class="visually-hidden">{t('chart.name', { first, last })}</p>
        <p id="finances-chart-description" class="hint">
          {t('chart.description')}
        </p>
        <ul class="finances-legend">
          <li>
            <span class="finances-swatch income" aria-hidden="true" />
            {t('chart.income')}
          </li>
          <li>
            <span class="finances-swatch expense" aria-hidden="true" />
            {t('chart.expense')}
          </li>
        </ul>
        <span class="finances-grid" aria-hidden="true" />
      </figcaption>
      {state === 'loading' && <p aria-live="polite">{t('chart.loading')}</p>}
      <ErrorLine error={state === 'failed' ? t('chart.failed') : undefined} />
      <div class="finances-charts">
        <div>
          <h3>{t('chart.money', { currency })}</h3>
          <div ref={moneyChart} class="finances-canvas" />
        </div>
        <div>
          <h3>{t('chart.credits', { name: credit.name })}</h3>
          <div ref={creditChart} class="finances-canvas" />
        </div>
      </div>
    </figure>
  );
}
