import { Link } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { Alert } from '@material-ui/lab';
import {
  assignmentState,
  checkPlatform,
  INTERACTION_MODES,
  isFundingLineEntity,
  isOperatingRoleEntity,
  type FundingLineEntity,
  type OperatingRoleEntity,
  type PlatformEntity,
} from '@opmodel/plugin-opmodel-common';
import { FindingsList } from './FindingsList';
import {
  amountOf,
  currentPeriod,
  formatMoney,
  formatShare,
  shareFor,
} from './funding';
import {
  describePeriod,
  Empty,
  fullRef,
  LoadingCard,
  lower,
  useEntitiesOfKinds,
  SpecRef,
} from './shared';
import { useFundingAmounts } from './useFundingAmounts';

const MODEL_KINDS = ['OperatingRole', 'FundingLine'];

function Field(props: { label: string; children: React.ReactNode }) {
  return (
    <Grid item xs={12} sm={6} md={3}>
      <Typography variant="overline" component="div">
        {props.label}
      </Typography>
      <Typography variant="body2" component="div">
        {props.children}
      </Typography>
    </Grid>
  );
}

function AtAGlance(props: { platform: PlatformEntity }) {
  const { spec, metadata } = props.platform;
  const ns = metadata.namespace;
  return (
    <LoadingCard title="The product at a glance" loading={false}>
      {() => (
        <Grid container spacing={2}>
          <Grid item xs={12}>
            <Typography variant="h6" component="p">
              {spec.valueProposition ?? (
                <Empty>No value proposition declared.</Empty>
              )}
            </Typography>
            {metadata.description && (
              <Typography variant="body2">{metadata.description}</Typography>
            )}
          </Grid>
          <Field label="Owner">
            <SpecRef entityRef={spec.owner} kind="group" namespace={ns} />
          </Field>
          <Field label="Lifecycle">{spec.lifecycle}</Field>
          <Field label="Type">{spec.type}</Field>
          <Field label="Domain">
            {spec.domain ? (
              <SpecRef entityRef={spec.domain} kind="domain" namespace={ns} />
            ) : (
              '—'
            )}
          </Field>
        </Grid>
      )}
    </LoadingCard>
  );
}

function Capabilities(props: { platform: PlatformEntity }) {
  const ns = props.platform.metadata.namespace;
  const capabilities = props.platform.spec.capabilities ?? [];
  return (
    <LoadingCard title="Capabilities" loading={false}>
      {() =>
        capabilities.length === 0 ? (
          <Empty>No capabilities declared (spec.capabilities).</Empty>
        ) : (
          <Table size="small" aria-label="Capabilities">
            <TableHead>
              <TableRow>
                <TableCell>Capability</TableCell>
                <TableCell>Domain</TableCell>
                <TableCell>Self-service</TableCell>
                <TableCell>Interfaces</TableCell>
                <TableCell>Implemented by</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {capabilities.map(c => (
                <TableRow key={c.id}>
                  <TableCell>
                    <Typography variant="body2">{c.title}</Typography>
                    {c.description && (
                      <Typography variant="caption">{c.description}</Typography>
                    )}
                  </TableCell>
                  <TableCell>{c.domain ?? '—'}</TableCell>
                  <TableCell>{c.selfService ? 'yes' : 'no'}</TableCell>
                  <TableCell>
                    {(c.interfaces ?? []).map(i => (
                      <Chip key={i} size="small" label={i} />
                    ))}
                  </TableCell>
                  <TableCell>
                    {(c.implementedBy ?? []).map(ref => (
                      <div key={ref}>
                        <SpecRef
                          entityRef={ref}
                          kind="component"
                          namespace={ns}
                        />
                      </div>
                    ))}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )
      }
    </LoadingCard>
  );
}

function Consumers(props: { platform: PlatformEntity }) {
  const ns = props.platform.metadata.namespace;
  const consumers = props.platform.spec.consumers ?? [];
  const modes = [...INTERACTION_MODES, undefined];
  return (
    <LoadingCard title="Consumers" loading={false}>
      {() =>
        consumers.length === 0 ? (
          <Empty>No consumer teams declared (spec.consumers).</Empty>
        ) : (
          <>
            {modes.map(mode => {
              const teams = consumers.filter(c => c.interaction === mode);
              if (teams.length === 0) return null;
              return (
                <div key={mode ?? 'unspecified'}>
                  <Typography variant="subtitle2" component="h3">
                    {mode ?? 'interaction not stated'} ({teams.length})
                  </Typography>
                  <ul>
                    {teams.map(t => (
                      <li key={t.team}>
                        <SpecRef
                          entityRef={t.team}
                          kind="group"
                          namespace={ns}
                        />{' '}
                        <Typography variant="caption">
                          {describePeriod(t)}
                        </Typography>
                      </li>
                    ))}
                  </ul>
                </div>
              );
            })}
          </>
        )
      }
    </LoadingCard>
  );
}

function Roles(props: {
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
                    <Typography variant="caption">
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

function Support(props: { platform: PlatformEntity }) {
  const support = props.platform.spec.support ?? {};
  const channels = support.channels ?? [];
  const targets = support.responseTargets ?? [];
  return (
    <LoadingCard title="Support" loading={false}>
      {() => (
        <>
          {channels.length === 0 ? (
            <Empty>No support channels declared (spec.support.channels).</Empty>
          ) : (
            <ul aria-label="Support channels">
              {channels.map(c => (
                <li key={`${c.type}:${c.target}`}>
                  {c.type}:{' '}
                  {/^https?:\/\//.test(c.target) ? (
                    <Link to={c.target}>{c.target}</Link>
                  ) : (
                    c.target
                  )}
                  {c.purpose && ` — ${c.purpose}`}
                </li>
              ))}
            </ul>
          )}
          {support.docs && (
            <Typography variant="body2">
              Docs: <Link to={support.docs}>{support.docs}</Link>
            </Typography>
          )}
          {targets.length > 0 && (
            <Table size="small" aria-label="Response targets">
              <TableHead>
                <TableRow>
                  <TableCell>Severity</TableCell>
                  <TableCell>Acknowledge within</TableCell>
                  <TableCell>Resolve within</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {targets.map(t => (
                  <TableRow key={t.severity}>
                    <TableCell>{t.severity}</TableCell>
                    <TableCell>{t.acknowledge ?? '—'}</TableCell>
                    <TableCell>{t.resolve ?? '—'}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </>
      )}
    </LoadingCard>
  );
}

function Funding(props: { platformRef: string; lines: FundingLineEntity[] }) {
  const funding = props.lines
    .map(line => ({
      line,
      ref: lower(stringifyEntityRef(line)),
      share: shareFor(line, props.platformRef),
    }))
    .filter(f => f.share > 0);
  // one request for every line's amounts; the catalog does not carry them
  const amounts = useFundingAmounts(funding.map(f => f.ref));
  if (funding.length === 0)
    return <Empty>No funding line allocates to this platform.</Empty>;
  return (
    <Table size="small" aria-label="Funding lines">
      <TableHead>
        <TableRow>
          <TableCell>Funding line</TableCell>
          <TableCell>Type</TableCell>
          <TableCell>Share to this platform</TableCell>
          <TableCell>This period</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {funding.map(({ line, ref, share }) => {
          const period = currentPeriod(line);
          const lineAmounts = amounts.amounts.get(ref);
          const amount = period && amountOf(lineAmounts, period);
          let money = 'no current period';
          if (amount !== undefined)
            money = formatMoney(amount * share, lineAmounts!.currency);
          else if (period && amounts.allowed) money = 'amount unavailable';
          else if (period) money = 'amount hidden';
          return (
            <TableRow key={ref}>
              <TableCell>
                <EntityRefLink entityRef={line} />
              </TableCell>
              <TableCell>
                {line.spec.type}
                {line.spec.model ? `, ${line.spec.model}` : ''}
              </TableCell>
              <TableCell>{formatShare(share)}</TableCell>
              <TableCell>{amounts.loading ? '…' : money}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

/**
 * A Platform's operating model on its page: the product at a glance, capabilities, consumers by
 * interaction mode, roles and their holders (warning on an empty role), support and response
 * targets, funding, and the model checks' findings with their fixes.
 */
export function PlatformContent() {
  const { entity } = useEntity<PlatformEntity>();
  const platformRef = lower(stringifyEntityRef(entity));
  const model = useEntitiesOfKinds(MODEL_KINDS);
  const roles = (model.value ?? []).filter(isOperatingRoleEntity);
  const lines = (model.value ?? []).filter(isFundingLineEntity);
  return (
    <Grid container spacing={3} alignItems="stretch">
      <Grid item xs={12}>
        <AtAGlance platform={entity} />
      </Grid>
      <Grid item xs={12}>
        <Capabilities platform={entity} />
      </Grid>
      <Grid item xs={12} md={6}>
        <Consumers platform={entity} />
      </Grid>
      <Grid item xs={12} md={6}>
        <Support platform={entity} />
      </Grid>
      <Grid item xs={12} md={6}>
        <LoadingCard title="Roles" loading={model.loading} error={model.error}>
          {() => <Roles platform={entity} roles={roles} />}
        </LoadingCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <LoadingCard
          title="Funding"
          loading={model.loading}
          error={model.error}
        >
          {() => <Funding platformRef={platformRef} lines={lines} />}
        </LoadingCard>
      </Grid>
      <Grid item xs={12}>
        <LoadingCard
          title="Model checks"
          loading={model.loading}
          error={model.error}
        >
          {() => (
            <FindingsList
              findings={checkPlatform(entity, {
                roles: roles.length ? roles : undefined,
                fundingLines: lines,
                now: new Date(),
              })}
            />
          )}
        </LoadingCard>
      </Grid>
    </Grid>
  );
}
