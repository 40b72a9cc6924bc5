import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupSandbox } from '../../../../test/sandbox-harness';
import { renderRoute } from '../../../../test/render';

const sb = setupSandbox();

function campaignOf(status: string) {
  const campaign = sb.tenant.store.all('campaigns').find((c) => c.status === status);
  if (!campaign) throw new Error(`The seed has no ${status} campaign`);
  return campaign;
}

/** The grid row of a campaign, found by its link. */
async function rowOf(name: string): Promise<HTMLElement> {
  const grid = await screen.findByRole('grid', { name: 'Campaigns' });
  const link = await within(grid).findByRole('link', { name });
  return link.closest('[role="row"]') as HTMLElement;
}

function signedCounts(campaignId: string) {
  const certs = sb.tenant.store.all('certifications').filter((c) => c.campaignId === campaignId);
  return { total: certs.length, signed: certs.filter((c) => c.phase === 'SIGNED').length };
}

describe('Campaign list', () => {
  it('shows each status in its own words, with progress that means what it says', async () => {
    sb.signInAs('cert-admin');
    renderRoute('/campaigns');
    const staged = await rowOf(campaignOf('STAGED').name);
    expect(within(staged).getByText('Preview ready')).toBeInTheDocument();
    expect(within(staged).getByText('Not started')).toBeInTheDocument();
    expect(within(staged).queryByRole('progressbar')).not.toBeInTheDocument();

    const error = await rowOf(campaignOf('ERROR').name);
    expect(within(error).getByText('Error')).toBeInTheDocument();
    expect(within(error).getByText('Did not generate')).toBeInTheDocument();
    expect(within(error).queryByRole('progressbar')).not.toBeInTheDocument();

    const pending = await rowOf(campaignOf('PENDING').name);
    expect(within(pending).getByText('Generating')).toBeInTheDocument();
    expect(within(pending).getByRole('link', { name: `Preflight of ${campaignOf('PENDING').name}` })).toHaveAttribute('href', `/campaigns/${campaignOf('PENDING').id}/preflight`);

    // Completing past its deadline is finishing, not overdue.
    const completing = campaignOf('COMPLETING');
    expect(Date.parse(completing.deadline!)).toBeLessThan(Date.now());
    const completingRow = await rowOf(completing.name);
    expect(within(completingRow).getByText('Completing')).toBeInTheDocument();
    expect(within(completingRow).queryByText(/Overdue/)).not.toBeInTheDocument();

    // Active: the bar counts signed certifications as the tenant does, and the row opens the campaign.
    const active = sb.tenant.store.all('campaigns').find((c) => c.status === 'ACTIVE' && Date.parse(c.deadline!) < Date.now())!;
    const activeRow = await rowOf(active.name);
    const { total, signed } = signedCounts(active.id);
    expect(within(activeRow).getByRole('progressbar', { name: `${signed} of ${total} signed` })).toBeInTheDocument();
    expect(within(activeRow).getByText(/Overdue/)).toBeInTheDocument();
    expect(within(activeRow).getByRole('link', { name: active.name })).toHaveAttribute('href', `/campaigns/${active.id}`);
  });

  it('filters by status on the server', async () => {
    sb.signInAs('cert-admin');
    renderRoute('/campaigns');
    await rowOf(campaignOf('ACTIVE').name);
    await userEvent.click(screen.getByRole('combobox', { name: 'Status' }));
    await userEvent.click(await screen.findByRole('option', { name: 'Error' }));
    await userEvent.keyboard('{Escape}');
    const grid = screen.getByRole('grid', { name: 'Campaigns' });
    await waitFor(() => expect(within(grid).queryByRole('link', { name: campaignOf('ACTIVE').name })).not.toBeInTheDocument());
    const errors = sb.tenant.store.all('campaigns').filter((c) => c.status === 'ERROR');
    for (const c of errors) expect(within(grid).getByRole('link', { name: c.name })).toBeInTheDocument();
  });

  it('filters by the start of the name on the server', async () => {
    sb.signInAs('cert-admin');
    renderRoute('/campaigns');
    const target = campaignOf('STAGED');
    await rowOf(campaignOf('ACTIVE').name);
    await userEvent.type(screen.getByRole('textbox', { name: 'Name starts with' }), target.name.slice(0, 12));
    const grid = screen.getByRole('grid', { name: 'Campaigns' });
    await waitFor(() => expect(within(grid).getAllByRole('link', { name: /^(?!Preflight)/ }).map((l) => l.textContent)).toEqual(
      sb.tenant.store.all('campaigns').filter((c) => c.name.toLowerCase().startsWith(target.name.slice(0, 12).toLowerCase())).map((c) => c.name).sort(),
    ));
  });

  it('gathers every page for the overdue view and says why', async () => {
    sb.signInAs('cert-admin');
    renderRoute('/campaigns?view=overdue');
    expect(await screen.findByText(/ISC cannot filter campaigns by deadline or type/)).toBeInTheDocument();
    const overdue = sb.tenant.store.all('campaigns').filter((c) => c.status === 'ACTIVE' && Date.parse(c.deadline!) < Date.now());
    expect(overdue.length).toBeGreaterThan(0);
    for (const c of overdue) expect(await within(await screen.findByRole('grid', { name: 'Campaigns' })).findByRole('link', { name: c.name })).toBeInTheDocument();
    const grid = screen.getByRole('grid', { name: 'Campaigns' });
    expect(within(grid).queryByRole('link', { name: campaignOf('COMPLETING').name })).not.toBeInTheDocument();
    expect(await screen.findByText(new RegExp(`${overdue.length} of ${sb.tenant.store.all('campaigns').length} loaded campaigns match`))).toBeInTheDocument();
  });

  it('deletes the selected campaigns only after the name is typed', async () => {
    sb.signInAs('cert-admin');
    renderRoute('/campaigns');
    const staged = campaignOf('STAGED');
    const row = await rowOf(staged.name);
    await userEvent.click(within(row).getByRole('checkbox'));
    await userEvent.click(screen.getByRole('button', { name: 'Delete 1 selected' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete this campaign?' });
    const confirm = within(dialog).getByRole('button', { name: 'Delete campaign' });
    const input = within(dialog).getByRole('textbox', { name: `Type “${staged.name}” to confirm` });
    await userEvent.type(input, 'something else');
    expect(confirm).toBeDisabled();
    await userEvent.clear(input);
    await userEvent.type(input, staged.name);
    expect(confirm).toBeEnabled();
    await userEvent.click(confirm);
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(sb.tenant.store.get('campaigns', staged.id)?.status).toBe('CANCELING');
  });

  it('will not delete a campaign that is busy, and says why', async () => {
    sb.signInAs('cert-admin');
    renderRoute('/campaigns');
    const activating = campaignOf('ACTIVATING');
    await userEvent.click(within(await rowOf(activating.name)).getByRole('checkbox'));
    await userEvent.click(screen.getByRole('button', { name: 'Delete 1 selected' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/cannot be deleted until that finishes/)).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Delete campaign' })).toBeDisabled();
    expect(sb.tenant.store.get('campaigns', activating.id)?.status).toBe('ACTIVATING');
  });
});

describe('Who sees the Campaigns area', () => {
  it('shows a reviewer the not-found page, and no Campaigns link', async () => {
    sb.signInAs('manager');
    renderRoute('/campaigns');
    expect(await screen.findByRole('heading', { name: /not found/i })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Campaigns' })).not.toBeInTheDocument();
    expect(screen.queryByRole('grid', { name: 'Campaigns' })).not.toBeInTheDocument();
  });

  it('shows a report admin the campaigns’ reports, read-only', async () => {
    sb.signInAs('reportAdmin');
    renderRoute('/campaigns');
    expect(await screen.findByRole('heading', { level: 1, name: 'Campaign reports' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'New campaign' })).not.toBeInTheDocument();
    const withReport = sb.tenant.store.all('reports')[0]!;
    const campaign = sb.tenant.store.get('campaigns', withReport.campaignId)!;
    await userEvent.click(await screen.findByRole('button', { name: `Reports of ${campaign.name}` }));
    const dialog = await screen.findByRole('dialog', { name: `Reports of ${campaign.name}` });
    expect(await within(dialog).findByRole('table', { name: `Reports of ${campaign.name}` })).toBeInTheDocument();
    expect(within(dialog).getAllByText('SUCCESS').length).toBe(sb.tenant.store.all('reports').filter((r) => r.campaignId === campaign.id).length);
  });

  it('keeps the wizard and preflight from a report admin', async () => {
    sb.signInAs('reportAdmin');
    renderRoute('/campaigns/new');
    expect(await screen.findByRole('heading', { name: /not found/i })).toBeInTheDocument();
  });
});
