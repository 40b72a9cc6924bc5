import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupSandbox } from '../../../../../test/sandbox-harness';
import { renderRoute } from '../../../../../test/render';
import { fetchItems } from '../items';
import { isHighRisk } from '../bulkPlan';

const sb = setupSandbox();

describe('By identity shows the person', { timeout: 60_000 }, () => {
  it('shows title, department, manager and high-risk count, and approves only the low-risk items after confirmation', async () => {
    const manager = sb.persona('manager').identityId;
    const cert = sb.tenant.store.all('certifications').find((c) => c.reviewerId === manager && c.phase === 'ACTIVE' && /Manager Review/.test(c.name))!;
    const items = await fetchItems(cert.id, {});
    // Someone with both high- and low-risk items.
    const byPerson = new Map<string, typeof items>();
    for (const item of items) byPerson.set(item.identitySummary!.identityId!, [...(byPerson.get(item.identitySummary!.identityId!) ?? []), item]);
    const [identityId, theirs] = [...byPerson.entries()].find(([, list]) => list.some(isHighRisk) && list.some((i) => !isHighRisk(i)))!;
    const person = sb.tenant.store.get('identities', identityId)!;
    const boss = person.managerId ? sb.tenant.store.get('identities', person.managerId)!.name : undefined;
    const highRisk = theirs.filter(isHighRisk).length;

    renderRoute(`/certifications/${cert.id}?view=identities`);
    const table = await screen.findByRole('table', { name: 'Identities' });
    const row = (await within(table).findByRole('button', { name: person.name })).closest('tr')!;
    const facts = [person.title, person.department, boss ? `Manager: ${boss}` : undefined].filter(Boolean).join(' · ');
    expect(await within(row).findByText(facts)).toBeInTheDocument();
    expect(within(row).getByText(`${highRisk} high-risk`)).toBeInTheDocument();

    await userEvent.click(within(row).getByRole('button', { name: `Approve low-risk items of ${person.name}` }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(new RegExp(`Low-risk items of ${person.name}`))).toBeInTheDocument();
    expect(within(dialog).queryByText(/high-risk/)).not.toBeInTheDocument();
  });
});
