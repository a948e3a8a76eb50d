import { METRIC_DEFINITIONS } from './definitions';
import { BUILTIN_BENCHMARK_PROFILES, DORA_2023, DORA_2024 } from './profiles';

describe('benchmark profiles', () => {
  it('carry their source and year', () => {
    expect(DORA_2024).toMatchObject({ id: 'dora-2024', year: 2024 });
    expect(DORA_2023).toMatchObject({ id: 'dora-2023', year: 2023 });
    for (const p of BUILTIN_BENCHMARK_PROFILES)
      expect(p.source).toMatch(/State of DevOps/);
  });

  it('never invert: each level asks at least as much as the next one down', () => {
    for (const profile of BUILTIN_BENCHMARK_PROFILES) {
      for (const [metric, spec] of Object.entries(profile.metrics)) {
        const better =
          METRIC_DEFINITIONS[metric as keyof typeof METRIC_DEFINITIONS].better;
        // written best first: for a lower-is-better metric, ascending
        const thresholds = spec!.levels.map(l =>
          better === 'higher' ? -l.threshold : l.threshold,
        );
        expect(thresholds).toEqual([...thresholds].sort((a, b) => a - b));
      }
    }
  });

  it("turn the reports' clusters into the documented thresholds", () => {
    // 2024: change fail rate elite 5 %, high 20 %, medium 10 % → medium's threshold stays at 20 %
    expect(
      DORA_2024.metrics.changeFailureRate!.levels.map(l => l.threshold),
    ).toEqual([0.05, 0.2, 0.2]);
    expect(
      DORA_2023.metrics.changeFailureRate!.levels.map(l => l.threshold),
    ).toEqual([0.05, 0.1, 0.15]);
    // on demand = 7 a week, daily to weekly = 1 a week, weekly to monthly = 1 in 30 days
    expect(
      DORA_2024.metrics.deploymentFrequency!.levels.map(l => l.threshold),
    ).toEqual([7, 1, 7 / 30]);
  });
});
