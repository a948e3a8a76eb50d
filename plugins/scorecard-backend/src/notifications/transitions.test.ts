import { findTransitions } from './transitions';

const grade = (
  entityRef: string,
  metric: string,
  gradeStatus: string,
  value: number | null = null,
) => ({ entityRef, metric, gradeStatus, value });

describe('findTransitions', () => {
  const previousDay = [
    grade('platform:default/a', 'uptime', 'good', 0.999),
    grade('platform:default/a', 'errorBudgetRemaining', 'warning', 0.1),
    grade('platform:default/a', 'leadTime', 'poor', 100),
    grade('component:default/b', 'uptime', 'good', 1),
  ];
  const day = [
    grade('platform:default/a', 'uptime', 'poor', 0.98),
    grade('platform:default/a', 'errorBudgetRemaining', 'warning', 0),
    grade('platform:default/a', 'leadTime', 'poor', 100),
    grade('component:default/b', 'uptime', 'warning', 0.99),
  ];

  it('finds met to missed, and an error budget running out', () => {
    const found = findTransitions({ previousDay, day, dayBeforeRun: [] });
    expect([...found]).toEqual([
      [
        'platform:default/a',
        [
          { metric: 'uptime', reason: 'missed' },
          { metric: 'errorBudgetRemaining', reason: 'budget-exhausted' },
        ],
      ],
    ]);
  });

  it('finds nothing the day already showed before the run: a rerun of the day', () => {
    expect(findTransitions({ previousDay, day, dayBeforeRun: day }).size).toBe(
      0,
    );
  });

  it('finds a crossing a rerun brings that the earlier run did not show', () => {
    const found = findTransitions({
      previousDay,
      day,
      dayBeforeRun: [grade('platform:default/a', 'uptime', 'good', 0.999)],
    });
    expect(found.get('platform:default/a')).toHaveLength(2);
  });

  it('finds nothing without a day before to compare with', () => {
    expect(
      findTransitions({ previousDay: [], day, dayBeforeRun: [] }).size,
    ).toBe(0);
  });
});
