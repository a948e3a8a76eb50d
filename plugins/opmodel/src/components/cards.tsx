import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { RoleAssignment } from '@opmodel/plugin-opmodel-common';
import {
  describePeriod,
  Empty,
  fullRef,
  LoadingCard,
  lower,
  useEntitiesByRefs,
  SpecRef,
} from './shared';

const targetsOf = (entity: Entity, type: string, kind?: string) =>
  (entity.relations ?? [])
    .filter(
      r =>
        r.type === type &&
        (!kind ||
          r.targetRef.startsWith(`${kind.toLocaleLowerCase('en-US')}:`)),
    )
    .map(r => r.targetRef);

/** The role assignments held by any of `holders` in the given Platforms and FundingLines. */
function heldRoles(holders: Set<string>, where: Entity[]) {
  const out: { holder: string; entity: Entity; assignment: RoleAssignment }[] =
    [];
  for (const entity of where) {
    const ns = entity.metadata.namespace ?? 'default';
    for (const a of ((entity.spec as any)?.roles ?? []) as RoleAssignment[]) {
      const holder = fullRef(a.holder, 'user', ns);
      if (holders.has(holder)) out.push({ holder, entity, assignment: a });
    }
  }
  return out;
}

function RolesTable(props: {
  rows: ReturnType<typeof heldRoles>;
  showHolder: boolean;
}) {
  if (props.rows.length === 0) return <Empty>No operating roles held.</Empty>;
  return (
    <Table size="small" aria-label="Operating roles held">
      <TableHead>
        <TableRow>
          <TableCell>Role</TableCell>
          {props.showHolder && <TableCell>Held by</TableCell>}
          <TableCell>In</TableCell>
          <TableCell>When</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.rows.map(({ holder, entity, assignment: a }) => (
          <TableRow
            key={`${holder}:${stringifyEntityRef(entity)}:${a.role}:${
              a.since ?? ''
            }`}
          >
            <TableCell>
              <SpecRef
                entityRef={a.role}
                kind="operatingrole"
                namespace={entity.metadata.namespace}
              />
            </TableCell>
            {props.showHolder && (
              <TableCell>
                <EntityRefLink entityRef={holder} />
              </TableCell>
            )}
            <TableCell>
              <EntityRefLink entityRef={entity} />
            </TableCell>
            <TableCell>{describePeriod(a)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** On a User's page: the operating roles the user holds, where and since when. */
export function UserRolesCard() {
  const { entity } = useEntity();
  const me = lower(stringifyEntityRef(entity));
  const where = useEntitiesByRefs(targetsOf(entity, 'holdsRoleIn'));
  return (
    <LoadingCard
      title="Operating roles"
      loading={where.loading}
      error={where.error}
    >
      {() => (
        <RolesTable
          rows={heldRoles(new Set([me]), where.value ?? [])}
          showHolder={false}
        />
      )}
    </LoadingCard>
  );
}

/** On a Group's page: the platforms it owns and consumes, and the roles its members (and it) hold. */
export function GroupOperatingModelCard() {
  const { entity } = useEntity();
  const members = targetsOf(entity, 'hasMember');
  const memberEntities = useEntitiesByRefs(members);
  const holders = [lower(stringifyEntityRef(entity)), ...members.map(lower)];
  const whereRefs = [
    ...new Set([
      ...targetsOf(entity, 'holdsRoleIn'),
      ...(memberEntities.value ?? []).flatMap(u => targetsOf(u, 'holdsRoleIn')),
    ]),
  ].sort();
  const where = useEntitiesByRefs(whereRefs);
  const owned = targetsOf(entity, 'ownerOf', 'platform');
  const consumed = targetsOf(entity, 'consumesPlatform');
  const loading = memberEntities.loading || where.loading;
  return (
    <LoadingCard
      title="Operating model"
      loading={loading}
      error={memberEntities.error ?? where.error}
    >
      {() => (
        <>
          <Typography variant="subtitle2" component="h3">
            Platforms it owns
          </Typography>
          {owned.length === 0 ? (
            <Empty>None.</Empty>
          ) : (
            <ul>
              {owned.map(r => (
                <li key={r}>
                  <EntityRefLink entityRef={r} />
                </li>
              ))}
            </ul>
          )}
          <Typography variant="subtitle2" component="h3">
            Platforms it consumes
          </Typography>
          {consumed.length === 0 ? (
            <Empty>None.</Empty>
          ) : (
            <ul>
              {consumed.map(r => (
                <li key={r}>
                  <EntityRefLink entityRef={r} />
                </li>
              ))}
            </ul>
          )}
          <Typography variant="subtitle2" component="h3">
            Roles its members hold
          </Typography>
          <RolesTable
            rows={heldRoles(new Set(holders), where.value ?? [])}
            showHolder
          />
        </>
      )}
    </LoadingCard>
  );
}

/** On a Component's or System's page: the platforms that include it. */
export function IncludedInPlatformsCard() {
  const { entity } = useEntity();
  const platforms = targetsOf(entity, 'includedIn');
  return (
    <LoadingCard title="Part of platforms" loading={false}>
      {() =>
        platforms.length === 0 ? (
          <Empty>
            No platform includes this {entity.kind.toLocaleLowerCase('en-US')}.
          </Empty>
        ) : (
          <ul aria-label="Platforms that include it">
            {platforms.map(r => (
              <li key={r}>
                <EntityRefLink entityRef={r} />
              </li>
            ))}
          </ul>
        )
      }
    </LoadingCard>
  );
}
