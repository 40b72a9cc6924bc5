import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupSandbox } from '../../../test/sandbox-harness';
import { renderRoute } from '../../../test/render';
import { createCampaignTemplate, getCampaignTemplateSchedule, setCampaignTemplateSchedule } from '../../api/campaigns';
import type { CampaignTemplate } from '../../api/schemas';

const sb = setupSandbox();

async function seededTemplate(changes: Partial<CampaignTemplate> = {}) {
  sb.signInAs('cert-admin');
  return createCampaignTemplate({
    name: 'Test cadence',
    description: 'A template made by a test',
    deadlineDuration: 'P2W',
    campaign: { name: 'Managers %B %Y', description: 'Quarterly check', type: 'MANAGER' },
    ...changes,
  } as CampaignTemplate);
}

// Lazily loaded pages on a shared 2-core machine.
describe('Templates', { timeout: 45_000 }, () => {
  it('is in the navigation for certification admins only', async () => {
    sb.signInAs('cert-admin');
    const { unmount } = renderRoute('/certifications');
    expect(await screen.findByRole('link', { name: 'Templates' })).toBeInTheDocument();
    unmount();
    sb.signInAs('manager');
    renderRoute('/certifications');
    await screen.findByRole('navigation', { name: 'Main' });
    expect(screen.queryByRole('link', { name: 'Templates' })).not.toBeInTheDocument();
  });

  it('lists templates with whether each is scheduled and its next run, and filters by name on the tenant', async () => {
    const made = await seededTemplate({ name: 'Zeta cadence' });
    await setCampaignTemplateSchedule(made.id!, { type: 'MONTHLY', hours: { type: 'LIST', values: ['9'] }, days: { type: 'LIST', values: ['L'] }, timeZoneId: 'Europe/Berlin' });
    renderRoute('/templates');
    const grid = await screen.findByRole('grid', { name: 'Campaign templates' });
    const row = (await within(grid).findByText('Zeta cadence')).closest('[role="row"]') as HTMLElement;
    expect(within(row).getByText('Scheduled')).toBeInTheDocument();
    expect(within(row).getByText('Manager')).toBeInTheDocument();
    expect(within(row).getByText('2 weeks after generation')).toBeInTheDocument();
    await waitFor(() => expect(within(row).queryByText('Loading…')).not.toBeInTheDocument());
    expect(within(row).queryByText('None to come')).not.toBeInTheDocument();
    await userEvent.type(screen.getByRole('textbox', { name: 'Name starts with' }), 'Zeta');
    await waitFor(() => expect(within(grid).queryByText('Quarterly Manager Review')).not.toBeInTheDocument());
    expect(within(grid).getByText('Zeta cadence')).toBeInTheDocument();
  });

  it('creates a template with the campaign wizard’s steps and a deadline duration, previewing the resolved name', async () => {
    sb.signInAs('cert-admin');
    const { router } = renderRoute('/templates/new');
    await userEvent.type(await screen.findByRole('textbox', { name: /^Template name/ }), 'Made in a test');
    await userEvent.type(screen.getByRole('textbox', { name: /^Template description/ }), 'Described');
    await userEvent.clear(screen.getByRole('textbox', { name: /^Deadline after generation/ }));
    await userEvent.type(screen.getByRole('textbox', { name: /^Deadline after generation/ }), '10');
    expect(screen.getByText('Sent as P10W (ISO 8601).')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    await userEvent.click(await screen.findByRole('radio', { name: /^Manager/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    await userEvent.type(await screen.findByRole('textbox', { name: /^Name/ }), 'Review %B %M');
    await userEvent.type(screen.getByRole('textbox', { name: /^Description/ }), 'For %Y');
    const preview = screen.getByRole('region', { name: 'Preview if generated now' });
    const month = new Date().toLocaleString('en-US', { month: 'long', timeZone: 'UTC' });
    expect(within(preview).getByText(new RegExp(`^Review ${month} \\d\\d$`))).toBeInTheDocument();
    expect(within(preview).getByText(/%M is the minute/)).toBeInTheDocument();
    for (let i = 0; i < 3; i++) await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    const body = JSON.parse((await screen.findByLabelText('Request body')).textContent!) as Record<string, unknown>;
    expect(body).toMatchObject({ name: 'Made in a test', description: 'Described', deadlineDuration: 'P10W', campaign: { name: 'Review %B %M', type: 'MANAGER', deadline: null } });
    await userEvent.click(screen.getByRole('button', { name: 'Create template' }));
    await waitFor(() => expect(router.state.location.pathname).toMatch(/^\/templates\/[0-9a-f]{32}$/));
    expect(await screen.findByRole('heading', { level: 1, name: 'Made in a test' })).toBeInTheDocument();
  });

  it('edits by JSON Patch: only what changed is sent', async () => {
    const made = await seededTemplate();
    const { router } = renderRoute(`/templates/${made.id}/edit`);
    const name = await screen.findByRole('textbox', { name: /^Template name/ });
    await userEvent.clear(name);
    await userEvent.type(name, 'Renamed cadence');
    for (let i = 0; i < 5; i++) await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    const patch = JSON.parse((await screen.findByLabelText('Request body')).textContent!) as unknown[];
    expect(patch).toEqual([{ op: 'replace', path: '/name', value: 'Renamed cadence' }]);
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/templates/${made.id}`));
    expect(await screen.findByRole('heading', { level: 1, name: 'Renamed cadence' })).toBeInTheDocument();
  });

  it('schedule studio: a preset gives the exact JSON, the next runs in its zone, and sets the schedule', async () => {
    const made = await seededTemplate({ deadlineDuration: 'P2M' });
    renderRoute(`/templates/${made.id}`);
    expect(await screen.findByText(/Not scheduled/)).toBeInTheDocument();
    const zone = screen.getByRole('combobox', { name: 'Time zone (IANA)' });
    await userEvent.clear(zone);
    await userEvent.type(zone, 'Europe/Berlin');
    await userEvent.click(await screen.findByRole('option', { name: 'Europe/Berlin' }));
    const json = JSON.parse((screen.getByRole('textbox', { name: 'Schedule JSON (sent to ISC)' }) as HTMLTextAreaElement).value) as unknown;
    expect(json).toEqual({ type: 'MONTHLY', hours: { type: 'LIST', values: ['9'] }, days: { type: 'LIST', values: ['L'] }, timeZoneId: 'Europe/Berlin' });
    const table = screen.getByRole('table', { name: /Next runs \(Europe\/Berlin\)/ });
    expect(within(table).getAllByRole('row')).toHaveLength(9);
    // Two months of deadline against a monthly run: campaigns overlap.
    expect(screen.getByText(/Campaigns overlap/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Set schedule' }));
    expect(await screen.findByText(/Scheduled: Monthly on the last day at 09:00 \(Europe\/Berlin\)/)).toBeInTheDocument();
    expect(await getCampaignTemplateSchedule(made.id!)).toEqual(json);
  });

  it('schedule studio: JSON typed by hand shows in the preset fields, and a bad value is refused before sending', async () => {
    const made = await seededTemplate();
    renderRoute(`/templates/${made.id}`);
    const editor = await screen.findByRole('textbox', { name: 'Schedule JSON (sent to ISC)' });
    await userEvent.clear(editor);
    await userEvent.click(editor);
    await userEvent.paste('{"type":"WEEKLY","hours":{"type":"LIST","values":["8"]},"days":{"type":"LIST","values":["2","6"]},"timeZoneId":"UTC"}');
    expect(screen.getByRole('combobox', { name: 'Repeats' })).toHaveTextContent('Weekly');
    expect(screen.getByRole('checkbox', { name: 'Monday' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Friday' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Sunday' })).not.toBeChecked();
    await userEvent.clear(editor);
    await userEvent.paste('{"type":"WEEKLY","hours":{"type":"LIST","values":["8"]},"days":{"type":"LIST","values":["0"]}}');
    expect(screen.getByRole('alert')).toHaveTextContent('days.values: "0" is not valid; expected days of the week 1-7.');
    expect(screen.getByRole('button', { name: 'Set schedule' })).toBeDisabled();
  });
});
