import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupSandbox } from '../../../../../test/sandbox-harness';
import { f } from '../../../../api/filters';
import { listIdentityAccessReviewItems, listIdentityCertifications, submitReassignCertsAsync } from '../../../../api/certifications';
import { TASK_FINISH_MS, TASK_START_MS } from '../../../../sandbox/rules/lifecycle';
import { certificationQueries } from '../../queries';
import { PendingTasks } from './PendingTasks';
import { taskQueries } from './queries';
import { renderWithProviders } from '../../../../../test/render';

const sb = setupSandbox();

/** The manager's ACTIVE certification with the most items. */
async function largestCertification() {
  const { items } = await listIdentityCertifications({ reviewerIdentity: 'me', filters: f.eq('phase', 'ACTIVE') });
  return items.sort((a, b) => (b.decisionsTotal ?? 0) - (a.decisionsTotal ?? 0))[0]!;
}

function renderPending(certificationId: string) {
  const utils = renderWithProviders(
    <div data-testid="host">
      <PendingTasks certificationId={certificationId} />
    </div>,
  );
  // The certification is on screen already: a finished task must make it stale.
  utils.queryClient.setQueryData(certificationQueries.detail(certificationId).queryKey, { id: certificationId });
  return utils;
}

describe('PendingTasks', () => {
  it('shows a running reassignment, follows it, then clears and refetches the certification', async () => {
    const cert = await largestCertification();
    const { items } = await listIdentityAccessReviewItems(cert.id!, { limit: 60 });
    await submitReassignCertsAsync(cert.id!, {
      reassign: items.map((i) => ({ id: i.id!, type: 'ITEM' })),
      reassignTo: sb.persona('source-owner').identityId,
      reason: 'Bulk move',
    });
    const { queryClient } = renderPending(cert.id!);

    expect(await screen.findByText('Reassigning items to another reviewer (Queued)')).toBeInTheDocument();
    expect(screen.getByRole('status')).toBeInTheDocument();
    expect(queryClient.getQueryState(certificationQueries.detail(cert.id!).queryKey)?.isInvalidated).toBe(false);

    sb.clock.advance(TASK_START_MS + 100);
    expect(await screen.findByText('Reassigning items to another reviewer (In progress)')).toBeInTheDocument();

    sb.clock.advance(TASK_FINISH_MS);
    await waitFor(() => expect(screen.getByTestId('host')).toBeEmptyDOMElement(), { timeout: 5000 });
    expect(queryClient.getQueryState(certificationQueries.detail(cert.id!).queryKey)?.isInvalidated).toBe(true);
    // With nothing pending, it stops asking.
    const asked = queryClient.getQueryState(taskQueries.pending(cert.id!).queryKey)!.dataUpdateCount;
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(queryClient.getQueryState(taskQueries.pending(cert.id!).queryKey)!.dataUpdateCount).toBe(asked);
  });

  it('renders nothing when nothing is pending', async () => {
    const cert = await largestCertification();
    const { queryClient } = renderPending(cert.id!);
    await waitFor(() => expect(queryClient.getQueryState(taskQueries.pending(cert.id!).queryKey)?.status).toBe('success'));
    expect(screen.getByTestId('host')).toBeEmptyDOMElement();
  });

  it('says when the tasks could not be checked, and retries', async () => {
    const cert = await largestCertification();
    sb.tenant.injectFault({ fault: 403, times: 1, operationId: 'getPendingCertificationTasks' });
    renderPending(cert.id!);
    expect(await screen.findByText("Couldn't check for reassignments in progress")).toBeInTheDocument();
    expect(screen.getByText(/do not have permission/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(screen.getByTestId('host')).toBeEmptyDOMElement());
  });
});
