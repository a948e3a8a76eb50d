import {
  RELATION_HAS_MEMBER,
  RELATION_OWNER_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import {
  RELATION_CONSUMES_PLATFORM,
  RELATION_HOLDS_ROLE_IN,
} from '@opmodel/plugin-opmodel-common';
import { ROLE_ASSIGNING_FIELDS, useEntitiesByRefs } from '../shared/catalog';
import { Empty, LoadingCard } from '../shared/LoadingCard';
import { lower } from '../shared/refs';
import { roleAssignmentsIn } from '../shared/roleAssignments';
import { AssignmentsTable } from '../shared/AssignmentsTable';
import { RefList } from './RefList';
import { targetsOf } from './relations';

/** Of a member, only where the member holds roles is read: a relation of the member's. */
const MEMBER_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'relations',
];

/** A heading and links to the platforms under it, or that there are none. */
function Platforms(props: { heading: string; refs: string[] }) {
  return (
    <>
      <Typography variant="subtitle2" component="h3">
        {props.heading}
      </Typography>
      {props.refs.length === 0 ? (
        <Empty>None.</Empty>
      ) : (
        <RefList refs={props.refs} />
      )}
    </>
  );
}

/** On a Group's page: the platforms it owns and consumes, and the roles its members (and it) hold. */
export function GroupOperatingModelCard() {
  const { entity } = useEntity();
  const members = targetsOf(entity, RELATION_HAS_MEMBER);
  const memberEntities = useEntitiesByRefs(members, MEMBER_FIELDS);
  const holders = new Set([
    lower(stringifyEntityRef(entity)),
    ...members.map(lower),
  ]);
  const whereRefs = [
    ...new Set([
      ...targetsOf(entity, RELATION_HOLDS_ROLE_IN),
      ...(memberEntities.value ?? []).flatMap(u =>
        targetsOf(u, RELATION_HOLDS_ROLE_IN),
      ),
    ]),
  ].sort();
  const where = useEntitiesByRefs(whereRefs, ROLE_ASSIGNING_FIELDS);
  const loading = memberEntities.loading || where.loading;
  return (
    <LoadingCard
      title="Operating model"
      loading={loading}
      error={memberEntities.error ?? where.error}
    >
      {() => (
        <>
          <Platforms
            heading="Platforms it owns"
            refs={targetsOf(entity, RELATION_OWNER_OF, 'platform')}
          />
          <Platforms
            heading="Platforms it consumes"
            refs={targetsOf(entity, RELATION_CONSUMES_PLATFORM)}
          />
          <Typography variant="subtitle2" component="h3">
            Roles its members hold
          </Typography>
          <AssignmentsTable
            rows={roleAssignmentsIn(where.value ?? []).filter(a =>
              holders.has(a.holder),
            )}
            columns={['role', 'holder', 'in']}
            label="Operating roles held"
            empty="No operating roles held."
          />
        </>
      )}
    </LoadingCard>
  );
}
