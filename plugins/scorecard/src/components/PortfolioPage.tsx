import {
  Content,
  ContentHeader,
  Header,
  Page,
} from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import Typography from '@material-ui/core/Typography';
import GetApp from '@material-ui/icons/GetApp';
import { Fragment } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { METRIC_DEFINITIONS } from '@opmodel/plugin-scorecard-common';
import { formatCount } from './format';
import { LoadError, Loading } from './states';
import { WindowSelect } from './WindowSelect';
import { ColumnsMenu } from './portfolio/ColumnsMenu';
import {
  columnTitle,
  formatColumns,
  isMetricColumn,
  parseColumns,
} from './portfolio/columns';
import { csvFileName, portfolioCsv } from './portfolio/csv';
import { downloadCsv } from './portfolio/downloadCsv';
import { FilterSelect } from './portfolio/FilterSelect';
import { GradeOverview } from './portfolio/GradeOverview';
import { ThroughputStabilityChart } from './portfolio/ThroughputStabilityChart';
import { Cell } from './portfolio/PortfolioCells';
import { usePortfolioStyles } from './portfolio/portfolioStyles';
import { sortRows, type SortKey } from './portfolio/sorting';
import { usePortfolioRows } from './portfolio/usePortfolioRows';
import { valueForMoney } from './portfolio/valueForMoney';

/**
 * Every platform side by side: headline metrics with grades and their change against the window
 * before, the grades across the portfolio at a glance, funding lines with shares and model-check
 * findings. Sorting, filters and the window live in the URL, so a view can be linked.
 */
export function PortfolioPage() {
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const days = Number(params.get('window') ?? 28) || 28;
  const owner = params.get('owner') ?? '';
  const lifecycle = params.get('lifecycle') ?? '';
  const sort = (params.get('sort') ?? 'platform') as SortKey;
  const dir = params.get('dir') === 'desc' ? 'desc' : 'asc';
  const columns = parseColumns(params.get('columns'));
  const classes = usePortfolioStyles();
  const set = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    // commas stay commas, so a link reads ?columns=uptime,leadTime
    const search = next.toString().replace(/%2C/gi, ',');
    navigate(
      {
        pathname: location.pathname,
        search: search ? `?${search}` : '',
        hash: location.hash,
      },
      { replace: true },
    );
  };

  const { range, portfolio, rows } = usePortfolioRows(days);
  const owners = [
    ...new Set(rows.map(r => r.owner).filter(Boolean)),
  ].sort() as string[];
  const lifecycles = [
    ...new Set(rows.map(r => r.lifecycle).filter(Boolean)),
  ].sort() as string[];
  const shown = sortRows(
    rows.filter(
      r =>
        (!owner || r.owner === owner) &&
        (!lifecycle || r.lifecycle === lifecycle),
    ),
    sort,
    dir,
  );
  // against the platforms shown: the shares are of what the reader compares
  const values = valueForMoney(shown);

  const header = (key: SortKey, label: string) => (
    <TableCell
      sortDirection={sort === key ? dir : false}
      className={key in METRIC_DEFINITIONS ? classes.header : classes.nowrap}
    >
      <TableSortLabel
        active={sort === key}
        direction={sort === key ? dir : 'asc'}
        onClick={() =>
          set({
            sort: key,
            dir: sort === key && dir === 'asc' ? 'desc' : 'asc',
          })
        }
      >
        {label}
      </TableSortLabel>
    </TableCell>
  );

  let body;
  if (portfolio.loading) body = <Loading what="the portfolio" />;
  else if (portfolio.error)
    body = <LoadError error={portfolio.error} what="the portfolio" />;
  else if (rows.length === 0)
    body = (
      <Typography>
        No Platform entities in the catalog yet. Declare one in a
        catalog-info.yaml (kind: Platform) and it appears here.
      </Typography>
    );
  else
    body = (
      <>
        <div className={classes.glance}>
          <div className={classes.chart}>
            <ThroughputStabilityChart rows={shown} range={range} days={days} />
          </div>
          <div className={classes.grades}>
            <GradeOverview
              rows={shown}
              metrics={columns.filter(isMetricColumn)}
            />
          </div>
        </div>
        {/* scrolled sideways only when more columns are picked than the screen holds */}
        <div style={{ overflowX: 'auto' }}>
          <Table
            size="small"
            aria-label="Platforms and their headline metrics"
            className={classes.table}
          >
            <TableHead>
              <TableRow>
                {header('platform', 'Platform')}
                {header('owner', 'Owner')}
                {columns.map(c => (
                  <Fragment key={c}>
                    {c === 'funding' ||
                    c === 'findings' ||
                    c === 'adoption' ||
                    c === 'value' ? (
                      <TableCell className={classes.nowrap}>
                        {columnTitle(c)}
                      </TableCell>
                    ) : (
                      header(c, columnTitle(c))
                    )}
                  </Fragment>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {shown.map(r => (
                <TableRow key={r.entityRef} data-platform={r.entityRef}>
                  <TableCell style={{ whiteSpace: 'nowrap' }}>
                    <EntityRefLink entityRef={r.entityRef} title={r.title} />
                  </TableCell>
                  <TableCell style={{ whiteSpace: 'nowrap' }}>
                    {r.owner ? (
                      <EntityRefLink entityRef={r.owner} defaultKind="group" />
                    ) : (
                      '—'
                    )}
                  </TableCell>
                  {columns.map(c => (
                    <Cell
                      key={c}
                      row={r}
                      column={c}
                      days={days}
                      value={values.get(r.entityRef)}
                    />
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      </>
    );

  return (
    <Page themeId="tool">
      <Header
        title="Platform portfolio"
        subtitle="Every platform's headline figures, funding and model findings"
      />
      <Content>
        <ContentHeader
          title={`Platforms (${formatCount(shown.length)} of ${formatCount(
            rows.length,
          )})`}
        >
          <FilterSelect
            id="portfolio-owner"
            label="Owner"
            value={owner}
            options={owners}
            onChange={v => set({ owner: v })}
          />
          <FilterSelect
            id="portfolio-lifecycle"
            label="Lifecycle"
            value={lifecycle}
            options={lifecycles}
            onChange={v => set({ lifecycle: v })}
          />
          <WindowSelect
            value={days}
            onChange={d => set({ window: d === 28 ? '' : String(d) })}
          />
          <ColumnsMenu
            value={columns}
            onChange={c => set({ columns: formatColumns(c) })}
          />
          <Button
            startIcon={<GetApp />}
            disabled={!portfolio.value || shown.length === 0}
            onClick={() =>
              portfolio.value &&
              downloadCsv(
                portfolioCsv(columns, shown),
                csvFileName(portfolio.value.window),
              )
            }
          >
            Download CSV
          </Button>
        </ContentHeader>
        {body}
      </Content>
    </Page>
  );
}
