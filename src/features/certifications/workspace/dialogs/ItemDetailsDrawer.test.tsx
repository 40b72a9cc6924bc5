import { describe, expect, it, vi } from 'vitest';
import type { ReactNode } from 'react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupSandbox } from '../../../../../test/sandbox-harness';
import { listIdentityAccessReviewItems } from '../../../../api/certifications';
import { f } from '../../../../api/filters';
import type { ItemRecord } from '../../../../sandbox/model';
import { ItemDetailsDrawer } from './ItemDetailsDrawer';
import { renderWithProviders } from '../../../../../test/render';

const sb = setupSandbox();

/** The first of the manager's active items that `match` accepts, as the API returns it. */
async function managerItem(match: (item: ItemRecord) => boolean) {
  const store = sb.tenant.store;
  const manager = sb.persona('manager').identityId;
  for (const cert of store.all('certifications')) {
    if (cert.reviewerId !== manager || cert.phase !== 'ACTIVE') continue;
    const record = store.itemsOf(cert.id).find(match);
    if (!record) continue;
    const page = await listIdentityAccessReviewItems(cert.id, { filters: f.eq('id', record.id) });
    return { certificationId: cert.id, record, item: page.items[0]! };
  }
  throw new Error('the seed gives the manager no such item');
}

const entitlementOf = (record: ItemRecord) => (record.type === 'ENTITLEMENT' ? sb.tenant.store.get('entitlements', record.accessId) : undefined);

/** An entitlement item with at least three permissions. */
const withPermissions = (record: ItemRecord) => (entitlementOf(record)?.permissions.length ?? 0) >= 3;

async function openDrawer(found: Awaited<ReturnType<typeof managerItem>>, decisionSlot?: ReactNode) {
  const onClose = vi.fn();
  renderWithProviders(<ItemDetailsDrawer certificationId={found.certificationId} item={found.item} onClose={onClose} decisionSlot={decisionSlot} />);
  const drawer = screen.getByRole('dialog', { name: found.item.accessSummary!.access!.name! });
  return { drawer, onClose };
}

/** The permission targets listed, once the list is there. */
async function listedTargets(drawer: HTMLElement) {
  const list = await within(drawer).findByRole('list', { name: 'Permissions' });
  return within(list)
    .getAllByRole('listitem')
    .map((li) => li.querySelector('.MuiListItemText-primary')!.textContent);
}

describe('ItemDetailsDrawer', () => {
  it("shows a seed entitlement's facts, its account and its permissions", async () => {
    const found = await managerItem(withPermissions);
    const entitlement = entitlementOf(found.record)!;
    const dto = found.item.accessSummary!.entitlement!;
    const { drawer } = await openDrawer(found, <button type="button">Approve</button>);

    expect(within(drawer).getByRole('heading', { level: 2, name: entitlement.name })).toBeInTheDocument();
    expect(within(drawer).getByRole('button', { name: 'Approve' })).toBeInTheDocument();
    const access = within(drawer).getByRole('region', { name: 'Access' });
    expect(within(access).getByText(found.item.identitySummary!.name!)).toBeInTheDocument();
    expect(within(access).getByText(entitlement.description ?? 'No description provided')).toBeInTheDocument();
    expect(within(access).getByText(`${dto.sourceName} (${dto.sourceType})`)).toBeInTheDocument();
    expect(within(access).getByText(new RegExp(`^${dto.owner!.name}`))).toBeInTheDocument();
    expect(within(access).getByText(found.record.newAccess ? 'Yes, granted since the last campaign' : 'No')).toBeInTheDocument();
    expect(within(access).getByText('Has permissions')).toBeInTheDocument();

    const ent = within(drawer).getByRole('region', { name: 'Entitlement' });
    expect(within(ent).getByText(entitlement.attributeName)).toBeInTheDocument();
    expect(within(ent).getByText(entitlement.attributeValue)).toBeInTheDocument();

    const account = within(drawer).getByRole('region', { name: 'Account' });
    expect(within(account).getByText(dto.account!.nativeIdentity!)).toBeInTheDocument();
    const insights = dto.account!.activityInsights!;
    expect(
      within(account).getByText(insights.usageDaysState === 'COMPLETE' ? `Used on ${insights.usageDays} of the last 90 days` : 'Usage unknown'),
    ).toBeInTheDocument();

    expect(await listedTargets(drawer)).toEqual(entitlement.permissions.map((p) => p.target));
    const first = entitlement.permissions[0]!;
    expect(within(drawer).getAllByText(first.rights!.join(', ')).length).toBeGreaterThan(0);
    expect(within(drawer).getByText(`Showing ${entitlement.permissions.length} of ${entitlement.permissions.length}`)).toBeInTheDocument();
    expect(within(drawer).queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  });

  it('filters the permissions on the server by target (starts with) and rights (contains all), joined by one `and`', async () => {
    const found = await managerItem(withPermissions);
    sb.tenant.store.put('entitlements', {
      ...entitlementOf(found.record)!,
      permissions: [
        { target: 'PAYROLL.MASTER.FILE', rights: ['READ', 'UPDATE'] },
        { target: 'PAYROLL.HISTORY', rights: ['READ'] },
        { target: 'GL.LEDGER.DATA', rights: ['READ', 'UPDATE', 'DELETE'] },
      ],
    });
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const filtersSent = () =>
      fetchSpy.mock.calls.map(([input]) => new URL(input instanceof Request ? input.url : String(input)).searchParams.get('filters')).filter(Boolean);
    const { drawer } = await openDrawer(found);
    expect(await listedTargets(drawer)).toHaveLength(3);

    const target = within(drawer).getByRole('textbox', { name: 'Target' });
    await userEvent.type(target, 'payroll');
    await waitFor(async () => expect(await listedTargets(drawer)).toEqual(['PAYROLL.MASTER.FILE', 'PAYROLL.HISTORY']));
    await userEvent.type(within(drawer).getByRole('combobox', { name: 'Rights' }), 'UPDATE{Enter}');
    await waitFor(async () => expect(await listedTargets(drawer)).toEqual(['PAYROLL.MASTER.FILE']));
    await userEvent.clear(target);
    await waitFor(async () => expect(await listedTargets(drawer)).toEqual(['PAYROLL.MASTER.FILE', 'GL.LEDGER.DATA']));
    // Typing is debounced, so intermediate prefixes are rarely sent; what is sent is always target sw, rights ca, or both.
    expect(filtersSent()).toEqual(expect.arrayContaining(['target sw "payroll"', 'target sw "payroll" and rights ca ("UPDATE")', 'rights ca ("UPDATE")']));
    for (const sent of filtersSent()) expect(sent).toMatch(/^(target sw "[a-z]+"|rights ca \("UPDATE"\)|target sw "[a-z]+" and rights ca \("UPDATE"\))$/);

    await userEvent.type(target, 'no-such-target');
    expect(await within(drawer).findByText('No permissions match these filters.')).toBeInTheDocument();
    fetchSpy.mockRestore();
  });

  it('loads permissions 50 at a time', async () => {
    const found = await managerItem(withPermissions);
    const entitlement = entitlementOf(found.record)!;
    const many = Array.from({ length: 60 }, (_, i) => ({ target: `share-${String(i).padStart(2, '0')}`, rights: ['READ'] }));
    sb.tenant.store.put('entitlements', { ...entitlement, permissions: many });
    const { drawer } = await openDrawer(found);
    expect(await listedTargets(drawer)).toHaveLength(50);
    expect(within(drawer).getByText('Showing 50 of 60')).toBeInTheDocument();
    await userEvent.click(within(drawer).getByRole('button', { name: 'Load more' }));
    await waitFor(async () => expect(await listedTargets(drawer)).toEqual(many.map((p) => p.target)));
    expect(within(drawer).getByText('Showing 60 of 60')).toBeInTheDocument();
    expect(within(drawer).queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  });

  it('says what went wrong loading permissions, and retries', async () => {
    const found = await managerItem(withPermissions);
    sb.tenant.injectFault({ fault: 403, times: 1, operationId: 'getIdentityCertificationItemPermissions' });
    const { drawer } = await openDrawer(found);
    expect(await within(drawer).findByText('Permissions could not be loaded')).toBeInTheDocument();
    await userEvent.click(within(drawer).getByRole('button', { name: 'Retry' }));
    expect(await listedTargets(drawer)).toHaveLength(entitlementOf(found.record)!.permissions.length);
  });

  it('renders hostile names and descriptions as text', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const found = await managerItem((r) => entitlementOf(r)?.name === hostile);
    const { drawer } = await openDrawer(found);
    expect(within(drawer).getByRole('heading', { level: 2, name: hostile })).toBeInTheDocument();
    expect(within(drawer).getByText('<script>alert("xss")</script> Imported from a legacy permission set.')).toBeInTheDocument();
    expect(within(drawer).getAllByText(hostile).length).toBeGreaterThan(1);
    expect(document.querySelector('img')).toBeNull();
    expect(drawer.querySelector('script')).toBeNull();
  });

  it('lists what a role contains', async () => {
    const found = await managerItem((r) => r.type === 'ROLE');
    const role = found.item.accessSummary!.role!;
    const { drawer } = await openDrawer(found);
    const profiles = role.accessProfiles ?? [];
    const entitlements = role.entitlements ?? [];
    const profileRegion = within(drawer).getByRole('region', { name: `Access profiles (${profiles.length})` });
    for (const p of profiles) expect(within(profileRegion).getByText(p.name!)).toBeInTheDocument();
    const entRegion = within(drawer).getByRole('region', { name: `Entitlements (${entitlements.length})` });
    for (const e of entitlements) expect(within(entRegion).getByText(e.name!)).toBeInTheDocument();
    expect(within(drawer).queryByRole('region', { name: 'Permissions' })).not.toBeInTheDocument();
  });

  it('lists the entitlements of an access profile', async () => {
    const found = await managerItem((r) => r.type === 'ACCESS_PROFILE');
    const entitlements = found.item.accessSummary!.accessProfile!.entitlements ?? [];
    const { drawer } = await openDrawer(found);
    const region = within(drawer).getByRole('region', { name: `Entitlements (${entitlements.length})` });
    const names = within(within(region).getByRole('list', { name: 'Entitlements' })).getAllByRole('listitem').map((li) => li.querySelector('.MuiListItemText-primary')!.textContent);
    expect(names).toEqual(entitlements.map((e) => e.name));
  });

  it('says when an item has no description, and closes', async () => {
    const found = await managerItem((r) => r.type === 'ENTITLEMENT' && !entitlementOf(r)?.description);
    const { drawer, onClose } = await openDrawer(found);
    expect(within(drawer).getByText('No description provided')).toBeInTheDocument();
    expect(within(drawer).getByText('No description')).toBeInTheDocument();
    await userEvent.click(within(drawer).getByRole('button', { name: 'Close details' }));
    expect(onClose).toHaveBeenCalledOnce();
  });
});
