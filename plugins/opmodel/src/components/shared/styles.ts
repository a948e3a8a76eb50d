import type { CSSProperties } from 'react';

/** Dates and periods: a date broken across lines reads as two. */
export const NO_WRAP: CSSProperties = { whiteSpace: 'nowrap' };

/**
 * Text that must be read whole (a finding's fix, a URL): it wraps, and a long ref or URL with no
 * space in it breaks anywhere rather than running past the card's edge.
 */
export const WRAP_ANYWHERE: CSSProperties = {
  whiteSpace: 'normal',
  overflowWrap: 'anywhere',
};
