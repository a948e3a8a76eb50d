import { useEntity } from '@backstage/plugin-catalog-react';
import { RELATION_INCLUDED_IN } from '@opmodel/plugin-opmodel-common';
import { Empty, LoadingCard } from '../shared/LoadingCard';
import { RefList } from './RefList';
import { targetsOf } from './relations';

/** On a Component's or System's page: the platforms that include it. */
export function IncludedInPlatformsCard() {
  const { entity } = useEntity();
  const platforms = targetsOf(entity, RELATION_INCLUDED_IN);
  return (
    <LoadingCard title="Part of platforms" loading={false}>
      {() =>
        platforms.length === 0 ? (
          <Empty>
            No platform includes this {entity.kind.toLocaleLowerCase('en-US')}.
          </Empty>
        ) : (
          <RefList refs={platforms} label="Platforms that include it" />
        )
      }
    </LoadingCard>
  );
}
