import { beforeEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupSandbox } from '../../../../test/sandbox-harness';
import { renderRoute } from '../../../../test/render';

const sb = setupSandbox();

beforeEach(() => sessionStorage.removeItem('attest.campaign-draft'));

/** Chooses the type and fills name and description, landing on the scope step. */
async function toScope(type: RegExp, name = 'Wizard test campaign') {
  const { router } = renderRoute('/campaigns/new');
  await userEvent.click(await screen.findByRole('radio', { name: type }));
  await userEvent.click(screen.getByRole('button', { name: 'Next' }));
  await userEvent.type(await screen.findByRole('textbox', { name: /^Name/ }), name);
  await userEvent.type(screen.getByRole('textbox', { name: /^Description/ }), 'Made by a test');
  await userEvent.click(screen.getByRole('button', { name: 'Next' }));
  await screen.findByRole('heading', { name: /Step 3 of 5/ });
  return router;
}

async function next() {
  await userEvent.click(screen.getByRole('button', { name: 'Next' }));
}

/** The review step's request body, parsed. */
async function reviewBody(): Promise<Record<string, unknown>> {
  await screen.findByRole('heading', { name: /Step 5 of 5/ });
  return JSON.parse(screen.getByLabelText('Request body').textContent!) as Record<string, unknown>;
}

// Each test walks several steps of a lazily loaded page on a shared 2-core machine.
describe('Create campaign wizard: validation per type', { timeout: 45_000 }, () => {
  it('asks for a name and a description before leaving the first details step', async () => {
    sb.signInAs('cert-admin');
    renderRoute('/campaigns/new');
    await userEvent.click(await screen.findByRole('button', { name: 'Next' }));
    await next();
    expect(await screen.findByText(/Give the campaign a name/)).toBeInTheDocument();
    expect(screen.getByText(/ISC requires a description/)).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: /Step 2 of 5/ })).toBeInTheDocument();
  });

  it('MANAGER: checks the optional campaign filter id, and sends no info block', async () => {
    sb.signInAs('cert-admin');
    await toScope(/^Manager/);
    await userEvent.type(screen.getByRole('textbox', { name: /Campaign filter id/ }), 'not an id!');
    await next();
    expect(await screen.findByText(/A campaign filter id is letters, digits and dashes/)).toBeInTheDocument();
    await userEvent.clear(screen.getByRole('textbox', { name: /Campaign filter id/ }));
    await next();
    await next();
    const body = await reviewBody();
    expect(body).toMatchObject({ type: 'MANAGER', name: 'Wizard test campaign', description: 'Made by a test', emailNotificationEnabled: true });
    expect(body).not.toHaveProperty('filter');
    expect(body).not.toHaveProperty('sourceOwnerCampaignInfo');
  });

  it('SOURCE_OWNER as a CERT_ADMIN: no source look-up at that level, so ids are pasted, saying why', async () => {
    sb.signInAs('cert-admin');
    await toScope(/^Source owner/);
    expect(screen.getByText(/Searching needs ISC's ORG_ADMIN, SOURCE_ADMIN, SOURCE_SUBADMIN, ROLE_SUBADMIN level to list sources; you are CERT_ADMIN/)).toBeInTheDocument();
    await next();
    expect(await screen.findByText(/Pick at least one source/)).toBeInTheDocument();
    const source = sb.tenant.store.all('sources')[0]!;
    await userEvent.click(screen.getByRole('textbox', { name: 'Sources (ids)' }));
    await userEvent.paste(source.id);
    await next();
    await next();
    expect((await reviewBody()).sourceOwnerCampaignInfo).toEqual({ sourceIds: [source.id] });
  });

  it('SOURCE_OWNER as an ORG_ADMIN: searches the tenant’s sources by name', async () => {
    sb.signInAs('org-admin');
    await toScope(/^Source owner/);
    await userEvent.type(screen.getByRole('combobox', { name: 'Sources' }), 'Active Dir');
    await userEvent.click(await screen.findByRole('option', { name: /Corporate Active Directory/ }));
    await next();
    await next();
    const ad = sb.tenant.store.all('sources').find((s) => s.name === 'Corporate Active Directory')!;
    expect((await reviewBody()).sourceOwnerCampaignInfo).toEqual({ sourceIds: [ad.id] });
  });

  it('SEARCH: needs identities or a query, checks selected access constraints, and sends the picked identities', async () => {
    sb.signInAs('cert-admin');
    await toScope(/^Search/);
    await next();
    expect(await screen.findByText(/Pick at least one identity/)).toBeInTheDocument();
    await userEvent.type(screen.getByRole('combobox', { name: 'Identities' }), 'Morgan Re');
    await userEvent.click(await screen.findByRole('option', { name: /Morgan Reyes/ }));
    expect(await screen.findByRole('button', { name: 'Morgan Reyes' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Add access constraint' }));
    await next();
    expect(await screen.findByText(/Constraint 1 \(ACCESS_PROFILE\) is “selected” but names none/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Remove constraint 1' }));
    await next();
    await next();
    const body = await reviewBody();
    expect(body.searchCampaignInfo).toEqual({ type: 'IDENTITY', identityIds: [sb.persona('manager').identityId] });
  });

  it('SEARCH by query: the query is required', async () => {
    sb.signInAs('cert-admin');
    await toScope(/^Search/);
    await userEvent.click(screen.getByRole('radio', { name: 'All identities returned by a search query' }));
    await next();
    expect(await screen.findByText(/Enter the search query/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('textbox', { name: 'Search query' }));
    await userEvent.paste('attributes.department:"Sales"');
    await next();
    await next();
    expect((await reviewBody()).searchCampaignInfo).toEqual({ type: 'IDENTITY', query: 'attributes.department:"Sales"' });
  });

  it('ROLE_COMPOSITION: needs a remediator, and roles when picking them', async () => {
    sb.signInAs('cert-admin');
    await toScope(/^Role composition/);
    await userEvent.click(screen.getByRole('radio', { name: 'Roles that I pick' }));
    await next();
    expect(await screen.findByText(/Pick at least one role/)).toBeInTheDocument();
    expect(screen.getByText(/Pick the remediator/)).toBeInTheDocument();
    // A CERT_ADMIN cannot list roles: ids are pasted.
    const role = sb.tenant.store.all('roles')[0]!;
    await userEvent.click(screen.getByRole('textbox', { name: 'Roles (ids)' }));
    await userEvent.paste(role.id);
    await userEvent.type(screen.getByRole('combobox', { name: 'Remediator' }), 'Dana');
    await userEvent.click(await screen.findByRole('option', { name: /Dana Okafor/ }));
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Remediator' })).toHaveValue('Dana Okafor'));
    await next();
    await next();
    expect((await reviewBody()).roleCompositionCampaignInfo).toEqual({
      remediatorRef: { type: 'IDENTITY', id: sb.persona('org-admin').identityId, name: 'Dana Okafor' },
      roleIds: [role.id],
    });
  });

  it('MACHINE_ACCOUNT: needs sources; the reviewer type is the account owner', async () => {
    sb.signInAs('cert-admin');
    await toScope(/^Machine account/);
    expect(screen.getByRole('textbox', { name: 'Reviewer type' })).toHaveValue('Account owner (ACCOUNT_OWNER)');
    await next();
    expect(await screen.findByText(/Pick at least one source/)).toBeInTheDocument();
    await userEvent.type(screen.getByRole('textbox', { name: 'Sources (ids)' }), 'bad id!');
    await next();
    expect(await screen.findByText(/is not a source id/)).toBeInTheDocument();
  });
});

describe('Create campaign wizard: sending', { timeout: 45_000 }, () => {
  it('creates the campaign (PENDING) and opens its preflight', async () => {
    sb.signInAs('cert-admin');
    const router = await toScope(/^Manager/, 'Created by the wizard test');
    await next();
    await next();
    await reviewBody();
    await userEvent.click(screen.getByRole('button', { name: 'Create campaign' }));
    await waitFor(() => expect(router.state.location.pathname).toMatch(/^\/campaigns\/[0-9a-f]+\/preflight$/));
    const created = sb.tenant.store.all('campaigns').find((c) => c.name === 'Created by the wizard test')!;
    expect(created).toMatchObject({ type: 'MANAGER', description: 'Made by a test' });
    expect(router.state.location.pathname).toBe(`/campaigns/${created.id}/preflight`);
    expect(await screen.findByText(/Generating the certifications/)).toBeInTheDocument();
  });

  it('shows the tenant’s refusal on the review step and keeps the form', async () => {
    sb.signInAs('cert-admin');
    await toScope(/^Role composition/, 'Refused');
    // A valid-looking remediator that is no Role Admin or Org Admin: only the tenant can know.
    await userEvent.type(screen.getByRole('combobox', { name: 'Remediator' }), 'Morgan Re');
    await userEvent.click(await screen.findByRole('option', { name: /Morgan Reyes/ }));
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Remediator' })).toHaveValue('Morgan Reyes'));
    await next();
    await next();
    await reviewBody();
    await userEvent.click(screen.getByRole('button', { name: 'Create campaign' }));
    const alert = await screen.findByText(/The campaign was not created/);
    expect(within(alert.closest('[role="alert"]') as HTMLElement).getByText(/not a Role Admin or an Org Admin/)).toBeInTheDocument();
    expect(sb.tenant.store.all('campaigns').some((c) => c.name === 'Refused')).toBe(false);
    expect(screen.getByLabelText('Request body').textContent).toContain('"name": "Refused"');
  });
});
