import { render, screen } from '@testing-library/react';
import type { TrendPoint } from '@opmodel/plugin-scorecard-common';
import { MetricTrend } from './MetricTrend';

const point = (
  day: string,
  value: number | null,
  state: TrendPoint['state'] = 'ok',
): TrendPoint => ({ day, value, state, grade: 'good', definitionVersion: 1 });

const points = [
  point('2026-11-01', 0.1),
  point('2026-11-02', 0.2),
  point('2026-11-03', null, 'not-enough-data'),
  point('2026-11-04', 0.25),
  point('2026-11-05', 0.3),
];

const renderTrend = (props: Partial<Parameters<typeof MetricTrend>[0]> = {}) =>
  render(
    <MetricTrend
      title="Change failure rate"
      loading={false}
      points={points}
      metric="changeFailureRate"
      unit="ratio"
      locale="en-US"
      {...props}
    />,
  );

describe('MetricTrend', () => {
  it('is named after the metric and the days it spans', () => {
    renderTrend();
    expect(
      screen.getByRole('img', {
        name: 'Change failure rate, daily trend from Nov 1 to Nov 5',
      }),
    ).toBeInTheDocument();
  });

  it('labels the first and the last day under the line', () => {
    renderTrend();
    const chart = screen.getByRole('img');
    const labels = Array.from(chart.querySelectorAll(':scope > text')).map(
      t => t.textContent,
    );
    expect(labels).toEqual(['Nov 1', 'Nov 5']);
  });

  it('reads days in the given locale', () => {
    renderTrend({ locale: 'de-DE' });
    expect(
      screen.getByRole('img', {
        name: /daily trend from 1\. Nov\. to 5\. Nov\./,
      }),
    ).toBeInTheDocument();
  });

  it('gives every point its day and its value in the metric’s unit on hover', () => {
    renderTrend();
    const titles = Array.from(
      screen.getAllByTestId('trend-point'),
      c => c.querySelector('title')?.textContent,
    );
    expect(titles).toEqual([
      'Nov 1: 10 %',
      'Nov 2: 20 %',
      'Nov 4: 25 %',
      'Nov 5: 30 %',
    ]);
  });

  it('formats durations as the card does', () => {
    renderTrend({
      title: 'Lead time',
      metric: 'leadTime',
      unit: 'ms',
      points: [
        point('2026-11-01', 3_600_000 * 3.5),
        point('2026-11-02', 60_000 * 12),
      ],
    });
    const titles = Array.from(
      screen.getAllByTestId('trend-point'),
      c => c.querySelector('title')?.textContent,
    );
    expect(titles).toEqual(['Nov 1: 3.5 h', 'Nov 2: 12 min']);
  });

  it('leaves a gap for a day without enough data', () => {
    renderTrend();
    // two runs of line, split at Nov 3, which has no dot but says why on hover
    expect(screen.getAllByTestId('trend-segment')).toHaveLength(2);
    expect(screen.getAllByTestId('trend-point')).toHaveLength(4);
    const gaps = screen.getAllByTestId('trend-gap');
    expect(gaps).toHaveLength(1);
    expect(gaps[0].querySelector('title')?.textContent).toBe(
      'Nov 3: not enough data',
    );
  });

  it('draws the threshold as a dashed target line, within the chart', () => {
    renderTrend({ threshold: 0.15, better: 'lower' });
    const target = screen.getByTestId('trend-target');
    expect(target.getAttribute('stroke-dasharray')).toBeTruthy();
    expect(target.querySelector('title')?.textContent).toBe('target ≤ 15 %');
    const y = Number(target.getAttribute('y1'));
    const svg = screen.getByRole('img');
    expect(y).toBeGreaterThanOrEqual(0);
    expect(y).toBeLessThanOrEqual(Number(svg.getAttribute('height')));
  });

  it('scales the y axis to take in a target outside the values', () => {
    renderTrend({ threshold: 0.9, better: 'higher' });
    const targetY = Number(
      screen.getByTestId('trend-target').getAttribute('y1'),
    );
    const pointYs = screen
      .getAllByTestId('trend-point')
      .map(c => Number(c.getAttribute('cy')));
    // the target is the top of the scale, every point below it and inside the chart
    expect(targetY).toBeGreaterThanOrEqual(0);
    for (const py of pointYs) expect(py).toBeGreaterThan(targetY);
  });

  it('draws no target line without a threshold', () => {
    renderTrend();
    expect(screen.queryByTestId('trend-target')).toBeNull();
  });

  it('keeps saying when there is no history or it is loading', () => {
    const { rerender } = renderTrend({ points: undefined });
    expect(screen.getByText('no history')).toBeInTheDocument();
    rerender(
      <MetricTrend
        title="Change failure rate"
        loading
        metric="changeFailureRate"
        unit="ratio"
      />,
    );
    expect(screen.getByText('…')).toHaveAttribute('aria-busy', 'true');
    rerender(
      <MetricTrend
        title="Change failure rate"
        loading={false}
        points={[point('2026-11-01', null, 'not-enough-data')]}
        metric="changeFailureRate"
        unit="ratio"
      />,
    );
    expect(screen.getByText('no history yet')).toBeInTheDocument();
  });

  it('shows a platform with one day of history as that day’s point, its day and value', () => {
    renderTrend({ points: [point('2026-11-03', 0.25)], threshold: 0.15 });
    const chart = screen.getByRole('img', {
      name: 'Change failure rate, daily trend of one day, Nov 3',
    });
    const dots = chart.querySelectorAll('[data-testid="trend-point"]');
    expect(dots).toHaveLength(1);
    expect(dots[0].querySelector('title')).toHaveTextContent('Nov 3: 25 %');
    // one day label, not the same day twice; the target line still drawn
    expect(
      Array.from(chart.querySelectorAll(':scope > text')).map(
        t => t.textContent,
      ),
    ).toEqual(['Nov 3']);
    expect(chart.querySelector('[data-testid="trend-target"]')).not.toBeNull();
  });
});
