import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import type { ResponseError } from '@backstage/errors';

const isResponseError = (e: unknown): e is ResponseError =>
  typeof e === 'object' && e !== null && (e as any).name === 'ResponseError';

/** A failed load: no permission says so and names the permission; anything else shows the backend's error. */
export function LoadError(props: { error: Error; what: string }) {
  const { error, what } = props;
  if (isResponseError(error) && error.statusCode === 403) {
    return (
      <WarningPanel
        severity="info"
        title={`You may not see ${what}`}
        message="Reading scorecards needs the opmodel.scorecard.read permission. Ask your Backstage administrators to grant it."
      />
    );
  }
  return <ResponseErrorPanel error={error} title={`Could not load ${what}`} />;
}

export function Loading(props: { what: string }) {
  return (
    <div role="status" aria-label={`Loading ${props.what}`}>
      <Progress />
    </div>
  );
}

export function NoEvents(props: { entityRef: string }) {
  return (
    <EmptyState
      missing="data"
      title="No events yet"
      description={`The scorecard has no deployments, incidents or availability data for ${props.entityRef} in this window. Post events to the scorecard's ingestion API, or install a collector.`}
    />
  );
}
