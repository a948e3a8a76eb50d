import { EmptyState } from '@backstage/core-components';

/** No team consumes the platform, declared or observed: how a team becomes a consumer. */
export function NoConsumers(props: { entityRef: string }) {
  return (
    <EmptyState
      missing="data"
      title="No consumer teams yet"
      description={`No team consumes ${props.entityRef}, by declaration or in the catalog. A team becomes a consumer when the Platform declares it in spec.consumers, or when the team owns a Component or System that dependsOn, or consumesApis of, something the platform includes.`}
    />
  );
}
