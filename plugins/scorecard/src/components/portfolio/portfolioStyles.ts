import { makeStyles } from '@material-ui/core/styles';

/** The portfolio page's table and its at-a-glance row. */
export const usePortfolioStyles = makeStyles(theme => ({
  // compact: the default columns fit a 1400 px window without scrolling sideways
  table: {
    '& th, & td': { padding: '6px 8px', verticalAlign: 'top' },
  },
  // headers wrap between words, never inside one
  header: {
    whiteSpace: 'normal',
    overflowWrap: 'normal',
    wordBreak: 'keep-all',
  },
  nowrap: { whiteSpace: 'nowrap' },
  value: {
    whiteSpace: 'nowrap',
    overflowWrap: 'normal',
    wordBreak: 'keep-all',
  },
  words: { overflowWrap: 'normal', wordBreak: 'keep-all' },
  // the chart and the grades side by side while both fit, the grades under the chart after
  glance: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(3),
    alignItems: 'flex-start',
    marginBottom: theme.spacing(2),
  },
  chart: { flex: '3 1 28rem', minWidth: 0, maxWidth: '48rem' },
  grades: { flex: '2 1 16rem', minWidth: 0 },
}));
