import { metric } from '../../testing/fixtures';
import {
  chartPoints,
  throughputScale,
  worseStatus,
} from './throughputStability';

describe('throughput against stability', () => {
  it('places a platform with both figures, coloured by the worse grade, and names the others', () => {
    const poorCfr = metric('changeFailureRate', {
      value: 0.4,
      grade: {
        status: 'poor',
        label: 'missed',
        rule: {
          source: 'config',
          threshold: 0.15,
          better: 'lower',
          description: 'c',
        },
      },
    });
    const { points, missing } = chartPoints([
      {
        entityRef: 'platform:default/a',
        title: 'A',
        metrics: [metric('deploymentFrequency', { value: 12 }), poorCfr],
        funding: [],
        findings: [],
      },
      {
        entityRef: 'platform:default/b',
        metrics: [metric('deploymentFrequency', { value: 3 })],
        funding: [],
        findings: [],
      },
    ]);
    expect(points).toEqual([
      {
        entityRef: 'platform:default/a',
        title: 'A',
        throughput: 12,
        failureRate: 0.4,
        status: 'poor',
      },
    ]);
    expect(missing).toEqual(['platform:default/b']);
  });

  it('takes the worse of two grades, a grade over none', () => {
    expect(worseStatus('good', 'warning')).toBe('warning');
    expect(worseStatus('poor', 'good')).toBe('poor');
    expect(worseStatus('none', 'good')).toBe('good');
    expect(worseStatus('none', 'none')).toBe('none');
  });

  it('spreads deployment frequency over whole powers of ten, zero at the left edge', () => {
    const { at, ticks } = throughputScale([0.5, 40], 300);
    expect(ticks).toEqual([0.1, 1, 10, 100]);
    expect(at(0.1)).toBe(0);
    expect(at(100)).toBe(300);
    expect(at(1)).toBeCloseTo(100);
    expect(at(0)).toBe(0);
  });
});
