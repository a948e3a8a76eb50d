import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import type { ReactNode } from 'react';

/** A card whose body waits for a load: progress, then the error or the content. */
export function LoadingCard(props: {
  title: string;
  loading: boolean;
  error?: Error;
  children: () => ReactNode;
}) {
  let body: ReactNode;
  if (props.loading)
    body = (
      <div role="status" aria-label={`Loading ${props.title}`}>
        <Progress />
      </div>
    );
  else if (props.error)
    body = (
      <ResponseErrorPanel
        error={props.error}
        title={`Could not load ${props.title.toLocaleLowerCase('en-US')}`}
      />
    );
  else body = props.children();
  return <InfoCard title={props.title}>{body}</InfoCard>;
}

export function Empty(props: { children: ReactNode }) {
  return (
    <Typography variant="body2" color="textSecondary">
      {props.children}
    </Typography>
  );
}
