import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { RELATION_HOLDS_ROLE_IN } from '@opmodel/plugin-opmodel-common';
import { ROLE_ASSIGNING_FIELDS, useEntitiesByRefs } from '../shared/catalog';
import { LoadingCard } from '../shared/LoadingCard';
import { lower } from '../shared/refs';
import { roleAssignmentsIn } from '../shared/roleAssignments';
import { AssignmentsTable } from '../shared/AssignmentsTable';
import { targetsOf } from './relations';

/** On a User's page: the operating roles the user holds, where and since when. */
export function UserRolesCard() {
  const { entity } = useEntity();
  const me = lower(stringifyEntityRef(entity));
  const where = useEntitiesByRefs(
    targetsOf(entity, RELATION_HOLDS_ROLE_IN),
    ROLE_ASSIGNING_FIELDS,
  );
  return (
    <LoadingCard
      title="Operating roles"
      loading={where.loading}
      error={where.error}
    >
      {() => (
        <AssignmentsTable
          rows={roleAssignmentsIn(where.value ?? []).filter(
            a => a.holder === me,
          )}
          columns={['role', 'in']}
          label="Operating roles held"
          empty="No operating roles held."
        />
      )}
    </LoadingCard>
  );
}
