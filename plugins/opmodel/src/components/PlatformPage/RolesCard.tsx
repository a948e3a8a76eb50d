import { stringifyEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { Alert } from '@material-ui/lab';
import {
  assignmentState,
  type OperatingRoleEntity,
  type PlatformEntity,
} from '@opmodel/plugin-opmodel-common';
import { describePeriod } from '../shared/describePeriod';
import { Empty, LoadingCard } from '../shared/LoadingCard';
import { fullRef, lower, SpecRef } from '../shared/refs';
import { NO_WRAP } from '../shared/styles';
import type { PlatformModel } from './usePlatformModel';

function RolesTable(props: {
  platform: PlatformEntity;
  roles: OperatingRoleEntity[];
}) {
  const { platform, roles } = props;
  const ns = platform.metadata.namespace ?? 'default';
  const assignments = (platform.spec.roles ?? []).map(a => ({
    ...a,
    roleRef: fullRef(a.role, 'operatingrole', ns),
  }));
  const byRef = new Map(roles.map(r => [lower(stringifyEntityRef(r)), r]));
  const shown = [
    ...new Set([
      ...roles
        .filter(r =>
          (r.spec.requiredFor ?? []).includes(platform.spec.lifecycle),
        )
        .map(r => lower(stringifyEntityRef(r))),
      ...assignments.map(a => a.roleRef),
    ]),
  ];
  if (shown.length === 0) return <Empty>No roles assigned (spec.roles).</Empty>;
  return (
    <Table size="small" aria-label="Roles and who holds them">
      <TableHead>
        <TableRow>
          <TableCell>Role</TableCell>
          <TableCell>Held by</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {shown.map(ref => {
          const role = byRef.get(ref);
          const held = assignments.filter(a => a.roleRef === ref);
          const active = held.filter(
            a => assignmentState(a, new Date()) === 'active',
          );
          const required = (role?.spec.requiredFor ?? []).includes(
            platform.spec.lifecycle,
          );
          return (
            <TableRow key={ref} data-role={ref}>
              <TableCell>
                <EntityRefLink entityRef={ref} title={role?.metadata.title} />
                {required && (
                  <Typography variant="caption" display="block">
                    required for {platform.spec.lifecycle}
                  </Typography>
                )}
              </TableCell>
              <TableCell>
                {active.length === 0 && (
                  <Alert severity={required ? 'error' : 'warning'}>
                    No one holds this role now
                    {required
                      ? `; a ${platform.spec.lifecycle} platform needs one.`
                      : '.'}
                  </Alert>
                )}
                {held.map(a => (
                  <div key={`${a.holder}:${a.since ?? ''}`}>
                    <SpecRef entityRef={a.holder} kind="user" namespace={ns} />{' '}
                    <Typography variant="caption" style={NO_WRAP} data-period>
                      {describePeriod(a)}
                    </Typography>
                  </div>
                ))}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

/**
 * The roles the platform assigns or its lifecycle requires, and who holds each: a warning on a
 * role no one holds now, an error when the lifecycle requires it.
 */
export function RolesCard(props: {
  platform: PlatformEntity;
  model: PlatformModel;
}) {
  const { platform, model } = props;
  return (
    <LoadingCard title="Roles" loading={model.loading} error={model.error}>
      {() => <RolesTable platform={platform} roles={model.roles} />}
    </LoadingCard>
  );
}
