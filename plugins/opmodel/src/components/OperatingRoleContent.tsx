import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type {
  OperatingRoleEntity,
  RoleAssignment,
} from '@opmodel/plugin-opmodel-common';
import {
  describePeriod,
  Empty,
  fullRef,
  LoadingCard,
  lower,
  useEntitiesOfKinds,
  SpecRef,
} from './shared';

const RACI = {
  R: 'Responsible',
  A: 'Accountable',
  C: 'Consulted',
  I: 'Informed',
};
const HOLDING_KINDS = ['Platform', 'FundingLine'];

/** Responsibilities as a RACI table: one row per activity, its letter in its column. */
function RaciTable(props: { role: OperatingRoleEntity }) {
  const rows = props.role.spec.responsibilities ?? [];
  if (rows.length === 0) return <Empty>No responsibilities declared.</Empty>;
  return (
    <Table size="small" aria-label="Responsibilities (RACI)">
      <TableHead>
        <TableRow>
          <TableCell>Activity</TableCell>
          {Object.entries(RACI).map(([letter, word]) => (
            <TableCell key={letter} align="center">
              <abbr title={word}>{letter}</abbr>
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map(r => (
          <TableRow key={r.activity} data-activity={r.activity}>
            <TableCell>
              <Typography variant="body2">{r.activity}</Typography>
              {r.description && (
                <Typography variant="caption">{r.description}</Typography>
              )}
            </TableCell>
            {Object.entries(RACI).map(([letter, word]) => (
              <TableCell key={letter} align="center">
                {r.raci === letter ? (
                  <span aria-label={word} title={word}>
                    {letter}
                  </span>
                ) : (
                  ''
                )}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** Every assignment of this role in Platforms and FundingLines. */
export function holdings(roleRef: string, entities: Entity[]) {
  const out: { entity: Entity; assignment: RoleAssignment }[] = [];
  for (const entity of entities) {
    const ns = entity.metadata.namespace ?? 'default';
    const roles = ((entity.spec as any)?.roles ?? []) as RoleAssignment[];
    for (const assignment of roles) {
      if (fullRef(assignment.role, 'operatingrole', ns) === roleRef)
        out.push({ entity, assignment });
    }
  }
  return out;
}

/**
 * An OperatingRole on its page: its responsibilities as a RACI table, and every Platform and
 * FundingLine where it is held, by whom and since when.
 */
export function OperatingRoleContent() {
  const { entity } = useEntity<OperatingRoleEntity>();
  const roleRef = lower(stringifyEntityRef(entity));
  const where = useEntitiesOfKinds(HOLDING_KINDS);
  const requiredFor = entity.spec.requiredFor ?? [];
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={7}>
        <LoadingCard title="Responsibilities" loading={false}>
          {() => (
            <>
              <Typography variant="body2" paragraph>
                Category: {entity.spec.category}.{' '}
                {entity.spec.exclusive
                  ? 'Exclusive: one holder at a time per platform.'
                  : 'May be shared.'}{' '}
                {requiredFor.length > 0
                  ? `Required for ${requiredFor.join(', ')} platforms.`
                  : 'Not required by any lifecycle.'}
              </Typography>
              <RaciTable role={entity} />
            </>
          )}
        </LoadingCard>
      </Grid>
      <Grid item xs={12} md={5}>
        <LoadingCard
          title="Where it is held"
          loading={where.loading}
          error={where.error}
        >
          {() => {
            const held = holdings(roleRef, where.value ?? []);
            if (held.length === 0)
              return (
                <Empty>No platform or funding line assigns this role.</Empty>
              );
            return (
              <Table size="small" aria-label="Where the role is held">
                <TableHead>
                  <TableRow>
                    <TableCell>In</TableCell>
                    <TableCell>Held by</TableCell>
                    <TableCell>When</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {held.map(({ entity: e, assignment: a }) => (
                    <TableRow
                      key={`${stringifyEntityRef(e)}:${a.holder}:${
                        a.since ?? ''
                      }`}
                    >
                      <TableCell>
                        <EntityRefLink entityRef={e} />
                      </TableCell>
                      <TableCell>
                        <SpecRef
                          entityRef={a.holder}
                          kind="user"
                          namespace={e.metadata.namespace}
                        />
                      </TableCell>
                      <TableCell>{describePeriod(a)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            );
          }}
        </LoadingCard>
      </Grid>
    </Grid>
  );
}
