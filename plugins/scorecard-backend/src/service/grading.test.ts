import {
  DORA_2023,
  DORA_2024,
  DURATION,
  type MetricValue,
} from '@opmodel/plugin-scorecard-common';
import { gradeMetric, objectiveThreshold } from './grading';

const value = (
  metric: MetricValue['metric'],
  v: number | null,
  state: MetricValue['state'] = 'ok',
): MetricValue => ({
  metric,
  definitionVersion: 1,
  state,
  value: v,
  unit: 'ratio',
  count: 10,
  minimumCount: 5,
});

describe('gradeMetric', () => {
  it("grades by the entity's own objective first", () => {
    const g = gradeMetric(value('changeFailureRate', 0.12), {
      objectives: { changeFailureRate: 0.1 },
      defaults: { changeFailureRate: 0.2 },
      profile: DORA_2024,
    });
    expect(g.grade).toMatchObject({
      status: 'poor',
      label: 'missed',
      rule: { source: 'objective', threshold: 0.1, better: 'lower' },
    });
  });

  it('falls back to the app-config defaults, then to the profile', () => {
    const byConfig = gradeMetric(value('changeFailureRate', 0.12), {
      defaults: { changeFailureRate: 0.2 },
      profile: DORA_2024,
    });
    expect(byConfig.grade).toMatchObject({
      status: 'good',
      label: 'met',
      rule: { source: 'config' },
    });
    // 12 % is above 2024's elite (5 %) and within high (20 %)
    const byProfile = gradeMetric(value('changeFailureRate', 0.12), {
      profile: DORA_2024,
    });
    expect(byProfile.grade).toMatchObject({
      status: 'good',
      label: 'high',
      rule: { source: 'profile', profile: 'dora-2024', threshold: 0.2 },
    });
    // the same figure is medium under 2023's levels (10 % high, 15 % medium)
    expect(
      gradeMetric(value('changeFailureRate', 0.12), { profile: DORA_2023 })
        .grade,
    ).toMatchObject({ status: 'warning', label: 'medium' });
    // beyond every level: the profile's fallback
    expect(
      gradeMetric(value('changeFailureRate', 0.5), { profile: DORA_2024 })
        .grade,
    ).toMatchObject({ status: 'poor', label: 'low' });
  });

  it('reads higher-is-better metrics and durations the right way round', () => {
    const df = gradeMetric(
      { ...value('deploymentFrequency', 3), unit: 'perWeek' },
      {
        objectives: { deploymentFrequency: { perDay: 1 } },
        profile: DORA_2024,
      },
    );
    expect(df.grade).toMatchObject({
      label: 'missed',
      rule: { threshold: 7, better: 'higher' },
    });
    const lt = gradeMetric(
      { ...value('leadTime', 3 * DURATION.HOUR), unit: 'ms' },
      { objectives: { leadTime: '4h' }, profile: DORA_2024 },
    );
    expect(lt.grade).toMatchObject({
      label: 'met',
      rule: { threshold: 4 * DURATION.HOUR, better: 'lower' },
    });
  });

  it('never grades not enough data, and leaves metrics without any rule ungraded', () => {
    const none = gradeMetric(
      value('changeFailureRate', null, 'not-enough-data'),
      { objectives: { changeFailureRate: 0.1 }, profile: DORA_2024 },
    );
    expect(none.grade).toMatchObject({
      status: 'none',
      label: 'not enough data',
      rule: { source: 'none' },
    });
    const ungraded = gradeMetric(
      { ...value('timeToAcknowledge', 60_000), unit: 'ms' },
      { profile: DORA_2024 },
    );
    expect(ungraded.grade).toMatchObject({ status: 'none', label: 'ungraded' });
  });
});

describe('objectiveThreshold', () => {
  it('maps each objective to its metric, in the metric unit', () => {
    const objectives = {
      availability: { target: 0.999 },
      deploymentFrequency: { perWeek: 5 },
      timeToResolve: '1d',
    };
    expect(objectiveThreshold('uptime', objectives)).toBe(0.999);
    expect(objectiveThreshold('errorBudgetRemaining', objectives)).toBe(0);
    expect(objectiveThreshold('deploymentFrequency', objectives)).toBe(5);
    expect(objectiveThreshold('timeToResolve', objectives)).toBe(DURATION.DAY);
    expect(objectiveThreshold('leadTime', objectives)).toBeUndefined();
  });

  it('maps the product objectives to the product metrics', () => {
    const objectives = {
      adoption: { share: 0.6 },
      satisfaction: { csat: 4, nps: 20, effort: 3 },
      support: {
        firstResponse: '4h',
        resolve: '3d',
        targetCompliance: 0.9,
        requestsPerTeam: 2,
      },
    };
    expect(objectiveThreshold('adoptionShare', objectives)).toBe(0.6);
    expect(objectiveThreshold('csat', objectives)).toBe(4);
    expect(objectiveThreshold('nps', objectives)).toBe(20);
    expect(objectiveThreshold('customerEffort', objectives)).toBe(3);
    expect(objectiveThreshold('supportTimeToFirstResponse', objectives)).toBe(
      4 * DURATION.HOUR,
    );
    expect(objectiveThreshold('supportTimeToResolve', objectives)).toBe(
      3 * DURATION.DAY,
    );
    expect(objectiveThreshold('supportTargetCompliance', objectives)).toBe(0.9);
    expect(objectiveThreshold('supportRequestsPerTeam', objectives)).toBe(2);
    expect(
      objectiveThreshold('csat', { adoption: { share: 0.5 } }),
    ).toBeUndefined();
  });

  it('grades effort and requests per team lower-is-better, satisfaction higher-is-better', () => {
    const objectives = {
      satisfaction: { csat: 4, effort: 3 },
      support: { requestsPerTeam: 2 },
    };
    const grade = (metric: MetricValue['metric'], v: number) =>
      gradeMetric(
        { ...value(metric, v), unit: 'score' },
        { objectives, profile: DORA_2024 },
      ).grade.label;
    expect(grade('csat', 4.2)).toBe('met');
    expect(grade('csat', 3.9)).toBe('missed');
    expect(grade('customerEffort', 2.5)).toBe('met');
    expect(grade('customerEffort', 3.5)).toBe('missed');
    expect(grade('supportRequestsPerTeam', 3)).toBe('missed');
  });
});
