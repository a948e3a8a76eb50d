import { makeStyles } from '@material-ui/core/styles';

/**
 * The adoption card's parts: text wraps between words only, and tables and lists take the width
 * they are given (no fixed widths), so the card reads at a third of the page.
 */
export const useAdoptionStyles = makeStyles(theme => ({
  root: {
    overflowWrap: 'normal',
    wordBreak: 'normal',
    hyphens: 'manual',
    minWidth: 0,
  },
  section: { marginTop: theme.spacing(2) },
  heading: {
    margin: theme.spacing(0, 0, 0.5),
    color: theme.palette.text.secondary,
  },
  // compact cells, top-aligned, that wrap between words (the theme's cells break inside them)
  table: {
    '& th, & td': {
      padding: theme.spacing(0.75),
      verticalAlign: 'top',
      whiteSpace: 'normal',
      overflowWrap: 'normal',
      wordBreak: 'normal',
    },
    '& th:first-child, & td:first-child': { paddingLeft: 0 },
    '& th:last-child, & td:last-child': { paddingRight: 0 },
    '& th': { lineHeight: 1.3 },
  },
  plainList: { listStyle: 'none', margin: 0, padding: 0 },
  findings: { display: 'flex', flexDirection: 'column', gap: theme.spacing(1) },
  // the fix wraps like the message: never one line cut off at the card's edge
  finding: {
    borderLeft: `3px solid ${theme.palette.divider}`,
    paddingLeft: theme.spacing(1),
    whiteSpace: 'normal',
    minWidth: 0,
  },
  note: { color: theme.palette.text.secondary },
}));
