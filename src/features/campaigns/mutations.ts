import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import {
  completeCampaign,
  deleteCampaigns,
  move,
  setCampaignReportsConfig,
  startCampaign,
  startCampaignRemediationScan,
  startCampaignReport,
  updateCampaign,
} from '../../api/campaigns';
import { getCertificationTask } from '../../api/certifications';
import { ADMIN_REASSIGN_MAX } from '../../api/rules';
import type { CampaignReportsConfig, CertificationTask, JsonPatchOperation, ReportType } from '../../api/schemas';
import { campaignQueries } from './queries';

/**
 * Campaign mutations. Each returns its invalidation from onSuccess, so the button that started it stays busy
 * until the fresh campaign is back on screen.
 */

function refreshCampaigns(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: campaignQueries.all() });
}

/** JSON Patch of a campaign (the fields its status allows). */
export function useUpdateCampaign(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (operations: JsonPatchOperation[]) => updateCampaign(id, operations),
    onSuccess: () => refreshCampaigns(queryClient),
  });
}

/** Activates a STAGED campaign; `timeZone` is the browser's UTC offset. */
export function useActivateCampaign(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (timeZone: string) => startCampaign(id, { timeZone }),
    onSuccess: () => refreshCampaigns(queryClient),
  });
}

/** Completes a past-due campaign, deciding what is still undecided with the action given. */
export function useCompleteCampaign(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (autoCompleteAction: 'APPROVE' | 'REVOKE') => completeCampaign(id, { autoCompleteAction }),
    onSuccess: () => refreshCampaigns(queryClient),
  });
}

/** Deletes campaigns (ISC deletes them in the background: CANCELING first). */
export function useDeleteCampaigns() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[]) => deleteCampaigns({ ids }),
    onSuccess: () => refreshCampaigns(queryClient),
  });
}

export function useRemediationScan(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => startCampaignRemediationScan(id),
    onSuccess: () => refreshCampaigns(queryClient),
  });
}

/** Runs one report of the campaign; the list then refreshes while it is pending. */
export function useRunReport(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (type: ReportType) => startCampaignReport(id, type),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...campaignQueries.all(), 'detail', id, 'reports'] }),
  });
}

/** Replaces the tenant-wide report columns. */
export function useSetReportsConfig() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (config: CampaignReportsConfig) => setCampaignReportsConfig(config),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...campaignQueries.all(), 'reports-configuration'] }),
  });
}

export interface MoveRequest {
  certificationIds: string[];
  reassignTo: string;
  reason: string;
  onProgress?: (progress: MoveProgress) => void;
}

export interface MoveProgress {
  /** Calls (of at most ADMIN_REASSIGN_MAX certifications) sent and finished. */
  calls: number;
  finished: number;
  certificationsMoved: number;
  certificationsTotal: number;
}

const TASK_POLL_MS = 1000;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls a certification task until it has succeeded or failed. */
export async function followTask(task: CertificationTask, pollMs = TASK_POLL_MS): Promise<CertificationTask> {
  let current = task;
  while (current.status === 'QUEUED' || current.status === 'IN_PROGRESS' || current.status === undefined) {
    if (!current.id) throw new Error('The tenant answered a task without an id, so it cannot be followed.');
    await sleep(pollMs);
    current = await getCertificationTask(current.id);
  }
  return current;
}

/**
 * Admin reassign (`move`) of certifications, in calls of at most ADMIN_REASSIGN_MAX, each task followed to its
 * end. Fails with the tasks' own messages if one ends in ERROR.
 */
export async function moveCertifications(campaignId: string, request: MoveRequest): Promise<CertificationTask[]> {
  const ids = [...new Set(request.certificationIds)];
  const calls: string[][] = [];
  for (let i = 0; i < ids.length; i += ADMIN_REASSIGN_MAX) calls.push(ids.slice(i, i + ADMIN_REASSIGN_MAX));
  const progress: MoveProgress = { calls: calls.length, finished: 0, certificationsMoved: 0, certificationsTotal: ids.length };
  request.onProgress?.({ ...progress });
  const results: CertificationTask[] = [];
  for (const certificationIds of calls) {
    const task = await move(campaignId, { certificationIds, reassignTo: { id: request.reassignTo, type: 'IDENTITY' }, reason: request.reason });
    const done = await followTask(task);
    results.push(done);
    if (done.status === 'ERROR') {
      const text = done.errors?.map((e) => e.text).filter(Boolean).join(' ') || 'no reason given';
      throw new Error(`The tenant's reassign task failed after ${progress.certificationsMoved} of ${ids.length} certifications were moved: ${text}`);
    }
    progress.finished++;
    progress.certificationsMoved += certificationIds.length;
    request.onProgress?.({ ...progress });
  }
  return results;
}

/** Moves certifications to another reviewer and refreshes the campaign once every task has finished. */
export function useMoveCertifications(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: MoveRequest) => moveCertifications(campaignId, request),
    onSuccess: () => refreshCampaigns(queryClient),
  });
}
