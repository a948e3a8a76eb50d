import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import type { ReactNode } from 'react';

/** One labelled value in a summary card's grid, several to a row on wide screens. */
export function Field(props: {
  label: string;
  /** The width on the narrowest screens: half for short values. */
  xs?: 6 | 12;
  children: ReactNode;
}) {
  return (
    <Grid item xs={props.xs ?? 12} sm={6} md={3}>
      <Typography variant="overline" component="div">
        {props.label}
      </Typography>
      <Typography variant="body2" component="div">
        {props.children}
      </Typography>
    </Grid>
  );
}
