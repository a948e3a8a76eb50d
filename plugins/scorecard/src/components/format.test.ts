import { metric } from '../testing/fixtures';
import {
  describeRuleSource,
  describeTarget,
  exactTime,
  formatCount,
  formatDateTime,
  formatDuration,
  formatErrorBudget,
  formatMetricValue,
  formatRatio,
  formatValue,
} from './format';

/*
 * Numbers and times as people read them, for a given locale and time zone: these fix both, so the
 * results do not depend on the machine the tests run on.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// ICU puts no-break spaces in some locales (a French thousands separator, before an English PM)
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formatCount', () => {
  it('groups thousands the locale’s way', () => {
    expect(formatCount(359640, 'en-US')).toBe('359,640');
    expect(formatCount(359640, 'de-DE')).toBe('359.640');
    expect(plain(formatCount(359640, 'fr-FR'))).toBe('359 640');
    expect(formatCount(1, 'en-US')).toBe('1');
    expect(formatCount(0, 'en-US')).toBe('0');
    expect(formatCount(1_234_567, 'en-US')).toBe('1,234,567');
  });
});

describe('formatDuration', () => {
  it('uses the largest unit of which there is at least one', () => {
    expect(formatDuration(45 * SECOND, 'en-US')).toBe('45 s');
    expect(formatDuration(12 * MINUTE, 'en-US')).toBe('12 min');
    expect(formatDuration(3.5 * HOUR, 'en-US')).toBe('3.5 h');
    expect(formatDuration(3 * HOUR, 'en-US')).toBe('3 h');
    expect(formatDuration(2.1 * DAY, 'en-US')).toBe('2.1 days');
    expect(formatDuration(DAY, 'en-US')).toBe('1 day');
    expect(formatDuration(21 * DAY, 'en-US')).toBe('3 weeks');
    expect(formatDuration(7 * DAY, 'en-US')).toBe('1 week');
    expect(formatDuration(10 * DAY, 'en-US')).toBe('1.4 weeks');
    expect(formatDuration(100 * 7 * DAY, 'en-US')).toBe('100 weeks');
  });

  it('gives one decimal below ten of a unit and whole units from ten on', () => {
    expect(formatDuration(90 * SECOND, 'en-US')).toBe('1.5 min');
    expect(formatDuration(9.5 * MINUTE, 'en-US')).toBe('9.5 min');
    expect(formatDuration(12.4 * MINUTE, 'en-US')).toBe('12 min');
    expect(formatDuration(23 * HOUR, 'en-US')).toBe('23 h');
  });

  it('moves to the next unit when rounding reaches it', () => {
    expect(formatDuration(59.6 * SECOND, 'en-US')).toBe('1 min');
    expect(formatDuration(59.7 * MINUTE, 'en-US')).toBe('1 h');
    expect(formatDuration(23.9 * HOUR, 'en-US')).toBe('1 day');
  });

  it('reads short durations in seconds', () => {
    expect(formatDuration(0, 'en-US')).toBe('0 s');
    expect(formatDuration(300, 'en-US')).toBe('0.3 s');
  });

  it('writes decimals the locale’s way', () => {
    expect(formatDuration(2.1 * DAY, 'de-DE')).toBe('2,1 days');
    expect(formatDuration(2000 * 7 * DAY, 'de-DE')).toBe('2.000 weeks');
  });
});

describe('formatRatio', () => {
  it('reads ratios as percentages', () => {
    expect(formatRatio(0.25, 'en-US')).toBe('25 %');
    expect(formatRatio(0.123, 'en-US')).toBe('12.3 %');
    expect(formatRatio(1, 'en-US')).toBe('100 %');
    expect(formatRatio(0, 'en-US')).toBe('0 %');
    expect(formatRatio(0.5, 'de-DE')).toBe('50 %');
    expect(formatRatio(0.123, 'de-DE')).toBe('12,3 %');
  });

  it('keeps a second decimal near 100 % and never rounds up to it', () => {
    expect(formatRatio(0.9995, 'en-US')).toBe('99.95 %');
    expect(formatRatio(0.999, 'en-US')).toBe('99.90 %');
    expect(formatRatio(0.995, 'de-DE')).toBe('99,50 %');
    expect(formatRatio(0.99999, 'en-US')).toBe('99.99 %');
  });

  it('groups large percentages', () => {
    expect(formatRatio(123.456, 'en-US')).toBe('12,345.6 %');
  });
});

describe('formatErrorBudget', () => {
  it('reads a budget left as a percentage', () => {
    expect(formatErrorBudget(0.42, 'en-US')).toBe('42 %');
    expect(formatErrorBudget(1, 'en-US')).toBe('100 %');
  });

  it('reads a budget below zero as exhausted, with how far it is overspent', () => {
    expect(formatErrorBudget(-1.885, 'en-US')).toBe('exhausted, 188.5 % over');
    expect(formatErrorBudget(-0.2, 'en-US')).toBe('exhausted, 20 % over');
    expect(formatErrorBudget(-12.5, 'de-DE')).toBe('exhausted, 1.250 % over');
  });

  it('reads a budget of nothing, or next to nothing over, as exhausted alone', () => {
    expect(formatErrorBudget(0, 'en-US')).toBe('exhausted');
    expect(formatErrorBudget(-0.0001, 'en-US')).toBe('exhausted');
  });
});

describe('formatValue and formatMetricValue', () => {
  it('formats a value in its unit', () => {
    expect(formatValue(null, 'ratio')).toBe('—');
    expect(formatValue(0.999, 'ratio', 'en-US')).toBe('99.90 %');
    expect(formatValue(2.5, 'perWeek', 'en-US')).toBe('2.5 / week');
    expect(formatValue(1200, 'perWeek', 'en-US')).toBe('1,200 / week');
    expect(formatValue(3 * HOUR, 'ms', 'en-US')).toBe('3 h');
  });

  it('reads only the error budget below zero as exhausted', () => {
    expect(
      formatMetricValue(
        metric('errorBudgetRemaining', { value: -1.885 }),
        'en-US',
      ),
    ).toBe('exhausted, 188.5 % over');
    expect(
      formatMetricValue(
        metric('errorBudgetRemaining', { value: null }),
        'en-US',
      ),
    ).toBe('—');
    expect(formatMetricValue(metric('uptime', { value: 0.5 }), 'en-US')).toBe(
      '50 %',
    );
  });
});

describe('formatDateTime and exactTime', () => {
  const AT = '2026-11-28T11:27:29.418Z';

  it('reads an instant in the given locale and time zone, to the minute', () => {
    expect(plain(formatDateTime(AT, 'en-US', 'Europe/Berlin'))).toBe(
      'Nov 28, 2026, 12:27 PM',
    );
    expect(formatDateTime(AT, 'de-DE', 'Europe/Berlin')).toBe(
      '28.11.2026, 12:27',
    );
    expect(formatDateTime(AT, 'en-GB', 'America/New_York')).toBe(
      '28 Nov 2026, 06:27',
    );
    // an offset is the same instant
    expect(
      formatDateTime('2026-11-28T12:27:29.418+01:00', 'de-DE', 'Europe/Berlin'),
    ).toBe('28.11.2026, 12:27');
  });

  it('gives text that is no time back as it is', () => {
    expect(formatDateTime('soon', 'en-US', 'UTC')).toBe('soon');
    expect(exactTime('soon')).toBe('soon');
  });

  it('gives the exact instant in ISO 8601, UTC, to the millisecond', () => {
    expect(exactTime(AT)).toBe(AT);
    expect(exactTime('2026-11-28T12:27:29+01:00')).toBe(
      '2026-11-28T11:27:29.000Z',
    );
  });
});

describe('describeTarget and describeRuleSource', () => {
  const leadTime = metric('leadTime', {
    grade: {
      status: 'good',
      label: 'elite',
      rule: {
        source: 'profile',
        profile: 'dora-2024',
        threshold: DAY,
        better: 'lower',
        description:
          'DORA 2024 performance levels (Accelerate State of DevOps Report 2024)',
      },
    },
  });

  it('name the threshold in the metric’s unit, and where it came from in short', () => {
    expect(describeTarget(leadTime, 'en-US')).toBe('≤ 1 day');
    expect(describeRuleSource(leadTime)).toBe('profile dora-2024');
    expect(describeTarget(metric('uptime'), 'en-US')).toBe('≥ 40 %');
    expect(describeRuleSource(metric('uptime'))).toBe('the entity’s objective');
  });

  it('give no target when nothing graded the figure, and say why', () => {
    const ungraded = metric('timeToAcknowledge', {
      grade: {
        status: 'none',
        label: 'not enough data',
        rule: { source: 'none', description: 'needs at least 5 data points' },
      },
    });
    expect(describeTarget(ungraded)).toBeUndefined();
    expect(describeRuleSource(ungraded)).toBe('needs at least 5 data points');
  });
});

describe('the product metrics’ figures', () => {
  it('shows survey means against their scale, a net promoter score signed and whole, and requests per team', () => {
    expect(
      formatMetricValue(
        { metric: 'csat', value: 4.25, unit: 'score' },
        'en-US',
      ),
    ).toBe('4.3 / 5');
    expect(
      formatMetricValue(
        { metric: 'customerEffort', value: 3, unit: 'score' },
        'en-US',
      ),
    ).toBe('3.0 / 7');
    expect(
      formatMetricValue(
        { metric: 'nps', value: 33.33, unit: 'score' },
        'en-US',
      ),
    ).toBe('+33');
    expect(
      formatMetricValue({ metric: 'nps', value: -0.2, unit: 'score' }, 'en-US'),
    ).toBe('0');
    expect(
      formatMetricValue({ metric: 'nps', value: -90, unit: 'score' }, 'en-US'),
    ).toBe('-90');
    expect(formatValue(0.5714, 'perTeam', 'en-US')).toBe('0.6 per team');
    expect(formatValue(4.25, 'score', 'de-DE')).toBe('4,3');
  });
});
