import { parseDuration } from './durations';

describe('parseDuration', () => {
  it('reads every unit the schemas allow', () => {
    expect(parseDuration('15m')).toBe(900_000);
    expect(parseDuration('4h')).toBe(14_400_000);
    expect(parseDuration('2.5d')).toBe(216_000_000);
    expect(parseDuration('1w')).toBe(604_800_000);
  });

  it('gives undefined for anything else', () => {
    expect(parseDuration(undefined)).toBeUndefined();
    expect(parseDuration('15')).toBeUndefined();
    expect(parseDuration('1y')).toBeUndefined();
    expect(parseDuration('-1h')).toBeUndefined();
  });
});
