import { render, screen } from '@testing-library/react';
import { Sparkline } from './Sparkline';

/* A chart of something other than a metric, read through the caller's own formatting. */

describe('Sparkline', () => {
  it('says each point and the target line in the caller’s words', () => {
    render(
      <Sparkline
        title="Consumer teams"
        points={[
          { day: '2026-11-01', value: 3, state: 'ok' },
          { day: '2026-11-02', value: null, state: 'not-enough-data' },
          { day: '2026-11-03', value: 5, state: 'ok' },
        ]}
        formatValue={v => `${v} teams`}
        threshold={4}
        better="higher"
        locale="en-US"
      />,
    );
    expect(
      screen.getByRole('img', {
        name: 'Consumer teams, daily trend from Nov 1 to Nov 3',
      }),
    ).toBeInTheDocument();
    expect(
      screen
        .getAllByTestId('trend-point')
        .map(c => c.querySelector('title')?.textContent),
    ).toEqual(['Nov 1: 3 teams', 'Nov 3: 5 teams']);
    expect(
      screen.getByTestId('trend-gap').querySelector('title')?.textContent,
    ).toBe('Nov 2: not enough data');
    expect(
      screen.getByTestId('trend-target').querySelector('title')?.textContent,
    ).toBe('target ≥ 4 teams');
  });
});
