import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupSandbox } from '../../test/sandbox-harness';
import { renderWithProviders } from '../../test/render';
import { IdentityPicker, type IdentityChoice } from './IdentityPicker';

const sb = setupSandbox();

function Picker() {
  const [value, setValue] = useState<IdentityChoice | null>(null);
  return (
    <>
      <IdentityPicker label="New reviewer" value={value} onChange={setValue} />
      <output aria-label="Chosen">{value ? `${value.kind}:${value.id}` : 'none'}</output>
    </>
  );
}

describe('IdentityPicker', () => {
  it('finds people through the public identities when the token may not search', async () => {
    sb.tenant.injectFault({ fault: 403, operationId: 'searchPost', times: 100 });
    const morgan = sb.tenant.store.get('identities', sb.persona('manager').identityId)!;
    renderWithProviders(<Picker />);
    await userEvent.type(screen.getByRole('combobox', { name: /New reviewer/ }), morgan.name.split(' ')[0]!.slice(0, 4));
    await userEvent.click(await screen.findByRole('option', { name: new RegExp(`^${morgan.name}`) }));
    expect(screen.getByRole('status', { name: 'Chosen' })).toHaveTextContent(`identity:${morgan.id}`);
    // A refused search is not an error to the reviewer.
    expect(screen.queryByText(/Couldn't look people up/)).not.toBeInTheDocument();
  });

  it('takes a pasted identity id as the last resort', async () => {
    sb.tenant.injectFault({ fault: 403, operationId: 'searchPost', times: 100 });
    renderWithProviders(<Picker />);
    const id = '2c9180857182305e0171993735622948';
    await userEvent.type(screen.getByRole('combobox', { name: /New reviewer/ }), id);
    await userEvent.click(await screen.findByRole('option', { name: `Use identity id ${id}` }));
    expect(screen.getByRole('status', { name: 'Chosen' })).toHaveTextContent(`id:${id}`);
  });
});
