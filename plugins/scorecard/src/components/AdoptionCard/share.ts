import type { TeamShare } from '@opmodel/plugin-scorecard-common';
import { formatCount, formatRatio } from '../format';

/**
 * A share in parentheses, its figure and unit joined by a no-break space so that a line never
 * ends between them: "(66.7 %)", never "(66.7" and "%)".
 */
export const percentInParens = (share: number) =>
  `(${formatRatio(share).replace(/ /g, '\u00a0')})`;

/** "3 of 6 (50 %)", or words when no Group counts as stream-aligned. */
export function describeShare(s: TeamShare): string {
  if (s.total === 0 || s.share === null) return 'no stream-aligned teams';
  return `${formatCount(s.consuming)} of ${formatCount(
    s.total,
  )} ${percentInParens(s.share)}`;
}
