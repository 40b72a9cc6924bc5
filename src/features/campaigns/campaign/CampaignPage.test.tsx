import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { configureClient, getClientConfig } from '../../../api/http';
import { setupSandbox } from '../../../../test/sandbox-harness';
import { renderRoute } from '../../../../test/render';

const sb = setupSandbox();
// Whichever test runs first loads the page's chunks (DataGrid, charts): on a shared 2-core machine that takes a while.
vi.setConfig({ testTimeout: 60_000 });

const campaignNamed = (pattern: RegExp) => sb.tenant.store.all('campaigns').find((c) => pattern.test(c.name))!;

/** Requests the app sends, recorded on their way to the sandbox. */
const sent: { method: string; url: string; body: unknown }[] = [];
let originalFetch: typeof fetch;
beforeEach(() => {
  sent.length = 0;
  originalFetch = getClientConfig().fetch;
  configureClient({
    fetch: async (input, init) => {
      const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
      sent.push({ method: init?.method ?? 'GET', url: String(input), body });
      return originalFetch(input, init);
    },
  });
  sb.signInAs('cert-admin');
});
afterEach(() => configureClient({ fetch: originalFetch }));

const writes = (path: RegExp) => sent.filter((r) => r.method !== 'GET' && path.test(new URL(r.url).pathname));

async function openCampaign(pattern: RegExp, tab = '') {
  const campaign = campaignNamed(pattern);
  renderRoute(`/campaigns/${campaign.id}${tab}`);
  expect(await screen.findByRole('heading', { level: 1, name: campaign.name })).toBeInTheDocument();
  return campaign;
}

async function openDialog(button: string, title: string) {
  await userEvent.click(screen.getByRole('button', { name: button }));
  return screen.findByRole('dialog', { name: title });
}

describe('Campaign page: edit', () => {
  it('lets a STAGED campaign change its six fields and sends exactly what changed as a JSON Patch', async () => {
    const campaign = await openCampaign(/Role Composition Review/);
    const dialog = await openDialog('Edit', 'Edit campaign');
    for (const name of ['Name', 'Description', 'Deadline']) expect(within(dialog).getByLabelText(name, { exact: false })).toBeEnabled();
    for (const name of ['Email notifications to reviewers', 'Allow automatic revocation', 'Show recommendations']) {
      expect(within(dialog).getByRole('switch', { name })).toBeEnabled();
    }
    expect(within(dialog).getByText('Nothing changed yet.')).toBeInTheDocument();
    const description = within(dialog).getByRole('textbox', { name: 'Description' });
    await userEvent.clear(description);
    await userEvent.type(description, 'Audit prep');
    await userEvent.click(within(dialog).getByRole('switch', { name: 'Show recommendations' }));
    expect(within(dialog).getByText('Will send 2 changes: recommendationsEnabled, description.')).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Edit campaign' })).not.toBeInTheDocument());

    expect(writes(/\/campaigns\/[^/]+$/).map((r) => r.body)).toEqual([
      [
        { op: 'replace', path: '/recommendationsEnabled', value: true },
        { op: 'replace', path: '/description', value: 'Audit prep' },
      ],
    ]);
    const stored = sb.tenant.store.get('campaigns', campaign.id)!;
    expect(stored).toMatchObject({ description: 'Audit prep', recommendationsEnabled: true, name: campaign.name });
    expect(await screen.findByText('Audit prep')).toBeInTheDocument();
  });

  it('lets an ACTIVE campaign change only its deadline, saying why the rest is read-only', async () => {
    await openCampaign(/Active Directory Access Review/);
    const dialog = await openDialog('Edit', 'Edit campaign');
    expect(within(dialog).getByRole('textbox', { name: 'Name' })).toBeDisabled();
    expect(within(dialog).getByRole('textbox', { name: 'Description' })).toBeDisabled();
    expect(within(dialog).getByRole('switch', { name: 'Show recommendations' })).toBeDisabled();
    expect(within(dialog).getByLabelText('Deadline', { exact: false })).toBeEnabled();
    expect(within(dialog).getAllByText('An active campaign can change only its deadline.').length).toBeGreaterThan(1);
    expect(within(dialog).getByRole('button', { name: 'Save changes' })).toBeDisabled();
  });

  it('changes nothing on a COMPLETED campaign and says so', async () => {
    const completed = sb.tenant.store.all('campaigns').find((c) => c.status === 'COMPLETED')!;
    renderRoute(`/campaigns/${completed.id}`);
    expect(await screen.findByRole('heading', { level: 1, name: completed.name })).toBeInTheDocument();
    const dialog = await openDialog('Edit', 'Edit campaign');
    expect(within(dialog).getByRole('textbox', { name: 'Name' })).toBeDisabled();
    expect(within(dialog).getAllByText(/A campaign that is COMPLETED cannot be changed/).length).toBeGreaterThan(0);
  });
});

describe('Campaign page: activate and complete guards', () => {
  it('does not activate a PENDING campaign and says why, sending nothing', async () => {
    const campaign = await openCampaign(/Finance Access Review/);
    const dialog = await openDialog('Activate', 'Activate campaign');
    expect(within(dialog).getByText(/still generating \(PENDING\)/)).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Activate' })).toBeDisabled();
    expect(writes(/activate/)).toHaveLength(0);
    expect(sb.tenant.store.get('campaigns', campaign.id)!.status).toBe('PENDING');
  });

  it('refuses a deadline of today before sending', async () => {
    const campaign = campaignNamed(/Role Composition Review/);
    sb.tenant.store.put('campaigns', { ...campaign, deadline: new Date(Date.now() - 60_000).toISOString() });
    await openCampaign(/Role Composition Review/);
    const dialog = await openDialog('Activate', 'Activate campaign');
    expect(within(dialog).getByText(/The deadline must be tomorrow or later/)).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Activate' })).toBeDisabled();
  });

  it('activates a STAGED campaign with the browser’s UTC offset', async () => {
    const campaign = await openCampaign(/Role Composition Review/);
    const dialog = await openDialog('Activate', 'Activate campaign');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Activate' }));
    await waitFor(() => expect(writes(/activate/)).toHaveLength(1));
    const minutes = -new Date().getTimezoneOffset();
    const offset = minutes === 0 ? 'Z' : `${minutes > 0 ? '+' : '-'}${String(Math.floor(Math.abs(minutes) / 60)).padStart(2, '0')}:${String(Math.abs(minutes) % 60).padStart(2, '0')}`;
    expect(writes(/activate/)[0]!.body).toEqual({ timeZone: offset });
    await waitFor(() => expect(sb.tenant.store.get('campaigns', campaign.id)!.status).toBe('ACTIVATING'));
  });

  it('does not complete a campaign that is not past due', async () => {
    await openCampaign(/Active Directory Access Review/);
    const dialog = await openDialog('Complete', 'Complete campaign');
    expect(within(dialog).getByText(/not past due yet/)).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: /^Complete and/ })).toBeDisabled();
    expect(writes(/complete/)).toHaveLength(0);
  });

  it('completes a past-due campaign, saying how many undecided items the action applies to', async () => {
    const campaign = await openCampaign(/Privileged Sales Access Spot Check/);
    const unsigned = sb.tenant.store.all('certifications').filter((c) => c.campaignId === campaign.id && c.phase !== 'SIGNED');
    const undecided = unsigned.flatMap((c) => sb.tenant.store.itemsOf(c.id)).filter((i) => i.decision === null).length;
    expect(undecided).toBeGreaterThan(0);
    const dialog = await openDialog('Complete', 'Complete campaign');
    const plural = (n: number, word: string) => `${n.toLocaleString()} ${word}${n === 1 ? '' : 's'}`;
    expect(await within(dialog).findByText(`${plural(undecided, 'undecided item')} in ${plural(unsigned.length, 'unsigned certification')} will be approved.`)).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('radio', { name: /Revoke/ }));
    expect(within(dialog).getByText(/will be revoked\.$/)).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Complete and revoke' }));
    await waitFor(() => expect(writes(/complete/)).toHaveLength(1));
    expect(writes(/complete/)[0]!.body).toEqual({ autoCompleteAction: 'REVOKE' });
    await waitFor(() => expect(sb.tenant.store.get('campaigns', campaign.id)!.status).toBe('COMPLETING'));
    expect(unsigned.flatMap((c) => sb.tenant.store.itemsOf(c.id)).filter((i) => i.decision === null)).toHaveLength(0);
  });
});

describe('Campaign page: steering', () => {
  it('finds stalled reviewers with visible, adjustable thresholds', async () => {
    await openCampaign(/Q\d \d{4} Manager Review/, '?tab=steer');
    const morgan = sb.persona('manager');
    const morganName = sb.tenant.store.get('identities', morgan.identityId)!.name;
    const table = await screen.findByRole('table', { name: 'Stalled reviewers' });
    expect(within(table).getByText(morganName)).toBeInTheDocument();
    expect(screen.getByText(/less than 50% of their decisions made while the deadline is 7 days away or less/)).toBeInTheDocument();

    // Morgan has 25% decided: a 20% threshold no longer counts them as stalled.
    const below = screen.getByRole('spinbutton', { name: 'Stalled below (% decided)' });
    await userEvent.clear(below);
    await userEvent.type(below, '20');
    await waitFor(() => expect(screen.queryByRole('table', { name: 'Stalled reviewers' }) && within(screen.getByRole('table', { name: 'Stalled reviewers' })).queryByText(morganName)).toBeFalsy());

    // The deadline is less than 2 days away: with a same-day window nobody is stalled.
    await userEvent.clear(below);
    await userEvent.type(below, '50');
    const within1 = screen.getByRole('spinbutton', { name: 'Deadline within (days)' });
    await userEvent.clear(within1);
    await userEvent.type(within1, '0');
    expect(await screen.findByText('No reviewer is stalled: the deadline is more than 0 days away.')).toBeInTheDocument();
  });
});

describe('Campaign page: reassign', () => {
  it('moves a reviewer’s unsigned certifications to a chosen identity with a reason, following the task to its end', async () => {
    const campaign = await openCampaign(/Q\d \d{4} Manager Review/, '?tab=steer');
    const morgan = sb.persona('manager').identityId;
    const dana = sb.persona('org-admin').identityId;
    const danaName = sb.tenant.store.get('identities', dana)!.name;
    const morganName = sb.tenant.store.get('identities', morgan)!.name;
    const pending = sb.tenant.store.all('certifications').filter((c) => c.campaignId === campaign.id && c.reviewerId === morgan && c.phase !== 'SIGNED');
    await userEvent.click(await screen.findByRole('button', { name: `Reassign ${morganName}’s certifications` }));
    const dialog = await screen.findByRole('dialog', { name: `Reassign ${morganName}’s certifications` });
    await userEvent.type(within(dialog).getByRole('combobox', { name: /New reviewer/ }), danaName.split(' ')[0]!);
    await userEvent.click(await screen.findByRole('option', { name: new RegExp(`^${danaName}`) }));
    expect(within(dialog).getByRole('button', { name: 'Reassign' })).toBeDisabled();
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Reason' }), 'Coverage while on leave');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Reassign' }));
    await waitFor(() => expect(writes(/reassign$/)).toHaveLength(1));
    expect(writes(/reassign$/)[0]!.body).toEqual({ certificationIds: pending.map((c) => c.id), reassignTo: { id: dana, type: 'IDENTITY' }, reason: 'Coverage while on leave' });
    // The tenant's task finishes on its clock; the dialog keeps polling until then.
    expect(within(dialog).getByRole('button', { name: 'Reassign' })).toBeDisabled();
    sb.clock.advance(5_000);
    await waitFor(() => expect(screen.queryByRole('dialog', { name: `Reassign ${morganName}’s certifications` })).not.toBeInTheDocument(), { timeout: 15_000 });
    expect(await screen.findByText(`${pending.length} certification${pending.length === 1 ? '' : 's'} of ${morganName} moved to ${danaName}.`)).toBeInTheDocument();
    expect(sb.tenant.store.all('certifications').filter((c) => c.campaignId === campaign.id && c.reviewerId === dana && c.reassignment?.comment === 'Coverage while on leave')).toHaveLength(pending.length);
  });
});

describe('Campaign page: delete', () => {
  it('deletes only after the campaign’s name is typed, then goes back to the campaigns', async () => {
    const campaign = campaignNamed(/Role Composition Review/);
    const { router } = renderRoute(`/campaigns/${campaign.id}`);
    expect(await screen.findByRole('heading', { level: 1, name: campaign.name })).toBeInTheDocument();
    const dialog = await openDialog('Delete', 'Delete campaign');
    const confirm = within(dialog).getByRole('button', { name: 'Delete campaign' });
    expect(confirm).toBeDisabled();
    await userEvent.type(within(dialog).getByRole('textbox', { name: /Type the campaign’s name/ }), 'Role Composition');
    expect(confirm).toBeDisabled();
    await userEvent.clear(within(dialog).getByRole('textbox', { name: /Type the campaign’s name/ }));
    await userEvent.type(within(dialog).getByRole('textbox', { name: /Type the campaign’s name/ }), campaign.name);
    await userEvent.click(confirm);
    await waitFor(() => expect(router.state.location.pathname).toBe('/campaigns'));
    expect(writes(/\/campaigns\/delete$/).map((r) => r.body)).toEqual([{ ids: [campaign.id] }]);
    expect(sb.tenant.store.get('campaigns', campaign.id)?.status).toBe('CANCELING');
  });
});
