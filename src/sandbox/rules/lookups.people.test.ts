import { describe, expect, it } from 'vitest';
import { setupSandbox } from '../../../test/sandbox-harness';
import { f } from '../../api/filters';
import { getPublicIdentities, publicAttribute } from '../../api/lookups';

const sb = setupSandbox();

describe('public identities: the person behind a review', () => {
  it('gives any signed-in reviewer the title, department and manager of the people they review, by id', async () => {
    // A plain manager (no admin level) looks up their reports.
    const manager = sb.persona('manager').identityId;
    const reports = sb.tenant.store.all('identities').filter((i) => i.managerId === manager && !i.isMachine).slice(0, 5);
    expect(reports.length).toBeGreaterThan(1);
    const { items } = await getPublicIdentities({ filters: f.in('id', reports.map((r) => r.id)), limit: reports.length });
    expect(items.map((i) => i.id).sort()).toEqual(reports.map((r) => r.id).sort());
    const managerName = sb.tenant.store.get('identities', manager)!.name;
    for (const report of reports) {
      const found = items.find((i) => i.id === report.id)!;
      expect(publicAttribute(found, ['title'])).toBe(report.title);
      expect(publicAttribute(found, ['department'])).toBe(report.department);
      expect(found.manager?.name).toBe(managerName);
    }
  });

  it('reads a tenant without public attributes, or with a malformed list, as having none', () => {
    expect(publicAttribute({ id: 'x', name: 'X', attributes: undefined }, ['title'])).toBeUndefined();
    expect(publicAttribute({ id: 'x', attributes: [{ key: 'jobTitle', name: 'Job title', value: ' Analyst ' }] }, ['title', 'jobTitle'])).toBe('Analyst');
  });
});
