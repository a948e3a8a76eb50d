import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { PlatformEntity } from '@opmodel/plugin-opmodel-common';
import { Empty, LoadingCard } from '../shared/LoadingCard';
import { SpecRef } from '../shared/refs';

/** The platform's capabilities: domain, self-service, interfaces and what implements each. */
export function CapabilitiesCard(props: { platform: PlatformEntity }) {
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
