import { distribution, percentile } from './percentiles';

describe('percentile (nearest rank: the ceil(p × n)-th smallest value)', () => {
  it('is null without values', () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(distribution([])).toEqual({ count: 0, p50: null, p90: null });
  });

  it('returns the only value for a single event', () => {
    // n = 1: ceil(0.5) = 1st, ceil(0.9) = 1st
    expect(distribution([7])).toEqual({ count: 1, p50: 7, p90: 7 });
  });

  it('takes the middle value for an odd count', () => {
    // sorted [1, 3, 5]: p50 = ceil(1.5) = 2nd = 3, p90 = ceil(2.7) = 3rd = 5
    expect(distribution([5, 1, 3])).toEqual({ count: 3, p50: 3, p90: 5 });
  });

  it('takes the lower middle value for an even count', () => {
    // sorted [1, 2, 3, 4]: p50 = ceil(2) = 2nd = 2 (not the mean 2.5), p90 = ceil(3.6) = 4th = 4
    expect(distribution([4, 1, 3, 2])).toEqual({ count: 4, p50: 2, p90: 4 });
  });

  it('handles duplicates deterministically', () => {
    // sorted [2, 2, 2, 9]: p50 = 2nd = 2, p90 = ceil(3.6) = 4th = 9
    expect(distribution([9, 2, 2, 2])).toEqual({ count: 4, p50: 2, p90: 9 });
    // sorted [1, 5, 5, 5, 5, 9]: p50 = ceil(3) = 3rd = 5, p90 = ceil(5.4) = 6th = 9
    expect(distribution([5, 9, 5, 1, 5, 5])).toEqual({
      count: 6,
      p50: 5,
      p90: 9,
    });
    // a tie across the two middle values of an even count: sorted [1, 4, 4, 8] → 2nd = 4
    expect(distribution([4, 8, 1, 4])).toEqual({ count: 4, p50: 4, p90: 8 });
  });

  it('lands on exact ranks despite float error', () => {
    // 1..10: p90 = ceil(9) = 9th = 9
    expect(distribution([10, 9, 8, 7, 6, 5, 4, 3, 2, 1])).toEqual({
      count: 10,
      p50: 5,
      p90: 9,
    });
    // 1..70: 0.9 × 70 is 63.00000000000001 in floating point; the rank is still 63
    const seventy = Array.from({ length: 70 }, (_, i) => i + 1);
    expect(percentile(seventy, 0.9)).toBe(63);
  });

  it('keeps p = 0 and p = 1 inside the values, and leaves the input unsorted', () => {
    expect(percentile([1, 2, 3], 0)).toBe(1);
    expect(percentile([1, 2, 3], 1)).toBe(3);
    const values = [3, 1, 2];
    distribution(values);
    expect(values).toEqual([3, 1, 2]);
  });
});
