import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { setupServer } from 'msw/node';
import {
  CATALOG,
  engineer as engineerRole,
  expectFields,
  fundingLine,
  platform,
  productOwner,
  renderOnEntityPage,
  serveBackends,
} from '../../__testUtils__/harness';
import { PlatformContent } from './PlatformContent';

const server = setupServer();
registerMswTestHooks(server);

describe('PlatformContent', () => {
  it('shows the product, capabilities, consumers by interaction mode, support and roles', async () => {
    serveBackends(server);
    await renderOnEntityPage(platform, <PlatformContent />);
    expect(
      screen.getByText('Ship a new service on day one.'),
    ).toBeInTheDocument();
    const capability = screen.getByText('Deploy a service').closest('tr')!;
    expect(within(capability).getByText('delivery')).toBeInTheDocument();
    expect(within(capability).getByText('cli')).toBeInTheDocument();
    expect(within(capability).getByText('argo-cd')).toBeInTheDocument();
    expect(screen.getByText('x-as-a-service (2)')).toBeInTheDocument();
    expect(screen.getByText('collaboration (1)')).toBeInTheDocument();
    expect(screen.getByText('since 2024-06-01')).toBeInTheDocument();
    expect(screen.getByText(/#platform-help/)).toBeInTheDocument();
    const p1 = screen.getByRole('table', { name: 'Response targets' });
    expect(within(p1).getByText('15m')).toBeInTheDocument();

    const roles = await screen.findByRole('table', {
      name: 'Roles and who holds them',
    });
    const engineer = within(roles)
      .getByText('Platform Engineer')
      .closest('tr')!;
    expect(within(engineer).getByText(/platform-team/)).toBeInTheDocument();
    // the product owner's only assignment ended: a production platform needs one
    const owner = within(roles)
      .getByText('Platform Product Owner')
      .closest('tr')!;
    expect(
      within(owner).getByText(
        /No one holds this role now; a production platform needs one/,
      ),
    ).toBeInTheDocument();
    expect(
      within(owner).getByText('until 2020-12-31 (ended)'),
    ).toBeInTheDocument();
  });

  it('links each support channel where it can, and leaves the others as text', async () => {
    serveBackends(server);
    const channels = [
      { type: 'slack', target: '#platform-help', purpose: 'support' },
      {
        type: 'slack',
        target: '#platform-announcements (northwind.slack.com)',
        purpose: 'announcements',
      },
      {
        type: 'slack',
        target: 'https://northwind.slack.com/archives/C024BE91L',
        purpose: 'questions',
      },
      { type: 'slack', target: 'slack://channel?team=T1&id=C2' },
      {
        type: 'email',
        target: 'platform-team@northwind.example',
        purpose: 'requests',
      },
      { type: 'ticket', target: 'https://tickets.northwind.example/plat' },
      { type: 'pager', target: 'platform-oncall', purpose: 'incidents' },
    ];
    const withChannels = {
      ...platform,
      spec: { ...platform.spec, support: { channels } },
    };
    await renderOnEntityPage(withChannels, <PlatformContent />);
    const list = screen.getByRole('list', { name: 'Support channels' });
    const item = (text: string) =>
      within(list).getByText(text, { exact: false }).closest('li')!;
    const link = (text: string) =>
      within(item(text)).getByRole('link', { name: new RegExp(text) });

    // a channel without its workspace, or a pager rotation, has no URL
    expect(within(item('#platform-help')).queryByRole('link')).toBeNull();
    expect(within(item('platform-oncall')).queryByRole('link')).toBeNull();

    const announcements = link('#platform-announcements');
    expect(announcements).toHaveAttribute(
      'href',
      'https://northwind.slack.com/app_redirect?channel=platform-announcements',
    );
    for (const web of [
      announcements,
      link('https://northwind.slack.com/archives/C024BE91L'),
      link('https://tickets.northwind.example/plat'),
    ]) {
      expect(web).toHaveAttribute('target', '_blank');
      expect(web).toHaveAttribute('rel', expect.stringContaining('noopener'));
    }
    expect(
      link('https://northwind.slack.com/archives/C024BE91L'),
    ).toHaveAttribute('href', 'https://northwind.slack.com/archives/C024BE91L');
    expect(link('https://tickets.northwind.example/plat')).toHaveAttribute(
      'href',
      'https://tickets.northwind.example/plat',
    );
    // the Slack app and the mail client open where they open, not in a blank tab
    const app = link('slack://channel');
    expect(app).toHaveAttribute('href', 'slack://channel?team=T1&id=C2');
    expect(app).not.toHaveAttribute('target');
    const mail = link('platform-team@northwind.example');
    expect(mail).toHaveAttribute(
      'href',
      'mailto:platform-team@northwind.example',
    );
    expect(mail).not.toHaveAttribute('target');
    // the purpose still follows the channel
    expect(item('platform-team@northwind.example').textContent).toBe(
      'email: platform-team@northwind.example — requests',
    );
  });

  it('keeps every date and period on one line', async () => {
    serveBackends(server);
    await renderOnEntityPage(platform, <PlatformContent />);
    const roles = await screen.findByRole('table', {
      name: 'Roles and who holds them',
    });
    const ended = within(roles).getByText('until 2020-12-31 (ended)');
    expect(ended).toHaveStyle({ whiteSpace: 'nowrap' });
    expect(within(roles).getByText('always')).toHaveStyle({
      whiteSpace: 'nowrap',
    });
    expect(screen.getByText('since 2024-06-01')).toHaveStyle({
      whiteSpace: 'nowrap',
    });
  });

  it('resolves refs written without a namespace in the platform’s own namespace', async () => {
    serveBackends(server, { entities: [] });
    const inOps = {
      ...platform,
      metadata: { ...platform.metadata, namespace: 'ops' },
    };
    await renderOnEntityPage(inOps, <PlatformContent />);
    const owner = screen
      .getAllByRole('link')
      .find(a => /platform-team/.test(a.textContent ?? ''))!;
    expect(owner).toHaveAttribute('href', '/catalog/ops/group/platform-team');
    const argo = screen.getByRole('link', { name: /argo-cd/ });
    expect(argo).toHaveAttribute('href', '/catalog/ops/component/argo-cd');
  });

  it('shows the funding lines with shares, hiding amounts without the permission', async () => {
    serveBackends(server, { amounts: 'DENY' });
    await renderOnEntityPage(platform, <PlatformContent />);
    const table = await screen.findByRole('table', { name: 'Funding lines' });
    const row = within(table).getByText('Platform run budget').closest('tr')!;
    expect(within(row).getByText('80 %')).toBeInTheDocument();
    expect(await within(row).findByText('amount hidden')).toBeInTheDocument();
    expect(within(row).queryByText(/€/)).toBeNull();
  });

  it('shows what the platform gets this period to users allowed to see amounts', async () => {
    serveBackends(server, { amounts: 'ALLOW' });
    await renderOnEntityPage(platform, <PlatformContent />);
    const table = await screen.findByRole('table', { name: 'Funding lines' });
    expect(await within(table).findByText('€960,000')).toBeInTheDocument();
  });

  it('asks the opmodel backend once for the amounts of every funding line of the platform', async () => {
    const projectLine = {
      ...fundingLine,
      metadata: {
        ...fundingLine.metadata,
        name: 'platform-project',
        title: 'Platform project',
      },
      spec: {
        ...fundingLine.spec,
        allocations: [{ target: 'platform:developer-platform', share: 0.5 }],
      },
      relations: [
        { type: 'funds', targetRef: 'platform:default/developer-platform' },
      ],
    };
    const asked = serveBackends(server, {
      amounts: 'ALLOW',
      entities: [...CATALOG, projectLine],
    });
    await renderOnEntityPage(platform, <PlatformContent />);
    const table = await screen.findByRole('table', { name: 'Funding lines' });
    expect(await within(table).findByText('€960,000')).toBeInTheDocument();
    // the backend serves no amounts for the second line: it says so instead of guessing
    const project = within(table).getByText('Platform project').closest('tr')!;
    expect(within(project).getByText('amount unavailable')).toBeInTheDocument();
    expect(asked.amounts.sort()).toEqual([
      'fundingline:default/platform-project',
      'fundingline:default/platform-run',
    ]);
  });

  it('does not ask for amounts for a user who may not see them', async () => {
    const asked = serveBackends(server, { amounts: 'DENY' });
    await renderOnEntityPage(platform, <PlatformContent />);
    const table = await screen.findByRole('table', { name: 'Funding lines' });
    expect(await within(table).findByText('amount hidden')).toBeInTheDocument();
    expect(asked.amounts).toEqual([]);
  });

  it('lists the model-check findings with their fixes', async () => {
    serveBackends(server);
    await renderOnEntityPage(platform, <PlatformContent />);
    const findings = await screen.findByRole('list', {
      name: 'Model-check findings',
    });
    const missing = findings.querySelector(
      '[data-check="platform.required-role-missing"]',
    )!;
    expect(missing).not.toBeNull();
    expect(missing.textContent).toContain('spec.roles');
  });

  it('shows each finding’s fix whole, on lines that wrap', async () => {
    serveBackends(server);
    await renderOnEntityPage(platform, <PlatformContent />);
    const findings = await screen.findByRole('list', {
      name: 'Model-check findings',
    });
    const missing = findings.querySelector<HTMLElement>(
      '[data-check="platform.required-role-missing"]',
    )!;
    const fix = missing.querySelector<HTMLElement>('[data-fix]')!;
    expect(fix.textContent).toMatch(/platform-product-owner/);
    expect(missing.textContent).toContain(`spec.roles — ${fix.textContent}`);
    const line = fix.closest('p')!;
    expect(line).toHaveStyle({ whiteSpace: 'normal' });
    expect(line.style.overflowWrap).toBe('anywhere');
    expect(missing.querySelector('[class*="noWrap"]')).toBeNull();
  });

  it('says what a bare platform does not declare, and which check it fails', async () => {
    const bare = {
      ...platform,
      metadata: { name: 'bare-platform', namespace: 'default' },
      spec: {
        type: 'x',
        lifecycle: 'experimental',
        owner: 'group:a',
        valueProposition: 'v',
        support: { channels: [{ type: 'slack', target: '#a' }] },
      },
    };
    serveBackends(server, { entities: [productOwner, fundingLine] });
    await renderOnEntityPage(bare, <PlatformContent />);
    expect(
      screen.getByText('No capabilities declared (spec.capabilities).'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('No consumer teams declared (spec.consumers).'),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('No roles assigned (spec.roles).'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('No funding line allocates to this platform.'),
    ).toBeInTheDocument();
    const findings = screen.getByRole('list', { name: 'Model-check findings' });
    expect(
      [...findings.querySelectorAll('[data-check]')].map(li =>
        li.getAttribute('data-check'),
      ),
    ).toEqual(['platform.no-feedback-ritual']);
    expect(findings.textContent).toContain('add - { ritual: consumer-feedback');
  });

  it('shows loading, then an error when the catalog fails', async () => {
    let release!: () => void;
    const hold = new Promise<void>(r => {
      release = r;
    });
    serveBackends(server, { hold, catalogStatus: 500 });
    await renderOnEntityPage(platform, <PlatformContent />);
    expect(
      screen.getByRole('status', { name: 'Loading Roles' }),
    ).toBeInTheDocument();
    release();
    expect(await screen.findByText(/Could not load roles/)).toBeInTheDocument();
    expect(screen.getAllByText(/catalog is down/).length).toBeGreaterThan(0);
    // what the entity itself declares still shows
    expect(screen.getByText('Deploy a service')).toBeInTheDocument();
  });

  it('asks the catalog for roles and funding lines in one request', async () => {
    const asked = serveBackends(server, { entities: CATALOG });
    await renderOnEntityPage(platform, <PlatformContent />);
    await screen.findByRole('table', { name: 'Funding lines' });
    expect(asked).toHaveLength(1);
    expect(asked[0]).toContain('kind%3DOperatingRole');
  });

  it('asks for every role but only the funding lines of the platform, and only the fields it reads', async () => {
    const asked = serveBackends(server, { entities: CATALOG });
    await renderOnEntityPage(platform, <PlatformContent />);
    await screen.findByRole('list', { name: 'Model-check findings' });
    expect(asked.catalog).toHaveLength(1);
    const [request] = asked.catalog;
    expect(request.filter).toEqual([
      'kind=OperatingRole',
      'kind=FundingLine,relations.funds=platform:default/developer-platform',
    ]);
    expectFields(request, [
      'apiVersion',
      'kind',
      'metadata.name',
      'metadata.namespace',
      'metadata.title',
      'spec.requiredFor',
      'spec.exclusive',
      'spec.type',
      'spec.model',
      'spec.periods',
      'spec.allocations',
    ]);
    expect(request.fields).not.toContain('spec.responsibilities');
  });

  it('names the funding line that meant an unfunded platform but names one of its name elsewhere', async () => {
    const elsewhere = {
      ...fundingLine,
      metadata: { ...fundingLine.metadata, namespace: 'finance' },
      spec: {
        ...fundingLine.spec,
        allocations: [{ target: 'platform:developer-platform', share: 1 }],
      },
      relations: [
        { type: 'funds', targetRef: 'platform:finance/developer-platform' },
      ],
    };
    const asked = serveBackends(server, {
      entities: [productOwner, engineerRole, elsewhere],
    });
    await renderOnEntityPage(platform, <PlatformContent />);
    const findings = await screen.findByRole('list', {
      name: 'Model-check findings',
    });
    const unfunded = findings.querySelector(
      '[data-check="platform.unfunded"]',
    )!;
    expect(unfunded.textContent).toContain(
      'write target: platform:default/developer-platform in spec.allocations[0].target of fundingline:finance/platform-run',
    );
    expect(
      screen.getByText('No funding line allocates to this platform.'),
    ).toBeInTheDocument();
    // the line funds another platform: only a request for every line finds it
    expect(asked.catalog).toHaveLength(2);
    expect(asked.catalog[1].filter).toEqual(['kind=FundingLine']);
    expectFields(asked.catalog[1], [
      'apiVersion',
      'kind',
      'metadata.name',
      'metadata.namespace',
      'spec.periods',
      'spec.allocations',
    ]);
  });
});
