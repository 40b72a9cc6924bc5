import type { CampaignRecord, TaskRecord } from '../model';
import type { Store } from '../store';
import { generateCampaignContent } from '../generate';
import { applyReassign, resolveReassignRefs } from './certifications';
import { runSchedules } from './templates';

/**
 * Time moves the sandbox's background work along, as ISC's workers would: campaign generation,
 * activation, completion and deletion, certification tasks, reports. `advance` runs before every request,
 * so the state is right whenever it is looked at, across reloads too.
 */

/** How long the sandbox's background steps take. */
export const DURATIONS = {
  generateMs: 3000,
  activateMs: 1500,
  completeMs: 3000,
  deleteMs: 1500,
  reportMs: 2500,
  remediationMs: 4000,
} as const;

/** How long a certification task takes to start and to finish. */
export const TASK_START_MS = 800;
export const TASK_FINISH_MS = 3000;

/** Queues a background task for its owner; `advance` runs its work when it finishes. */
export function queueTask(
  store: Store,
  task: Pick<TaskRecord, 'type' | 'targetType' | 'targetId' | 'ownerId' | 'work'>,
): TaskRecord {
  return store.put('tasks', {
    id: crypto.randomUUID(),
    status: 'QUEUED',
    errors: [],
    reassignmentTrailDTOs: [],
    created: store.nowIso(),
    startAt: later(store, TASK_START_MS),
    finishAt: later(store, TASK_FINISH_MS),
    ...task,
  });
}

export function later(store: Store, ms: number): string {
  return new Date(store.now().getTime() + ms).toISOString();
}

export function advance(store: Store): void {
  runSchedules(store);
  const now = store.now().getTime();
  for (const campaign of store.all('campaigns')) {
    if (campaign.transitionAt && Date.parse(campaign.transitionAt) <= now) finishCampaignStep(store, campaign);
  }
  for (const task of store.all('tasks')) {
    if (task.status === 'QUEUED' && Date.parse(task.startAt) <= now) store.put('tasks', { ...task, status: 'IN_PROGRESS' });
    const current = store.get('tasks', task.id)!;
    if ((current.status === 'QUEUED' || current.status === 'IN_PROGRESS') && Date.parse(current.finishAt) <= now) finishTask(store, current);
  }
  for (const report of store.all('reports')) {
    if (report.status === 'PENDING' && Date.parse(report.finishAt) <= now) store.put('reports', { ...report, status: 'SUCCESS' });
  }
}

function finishCampaignStep(store: Store, campaign: CampaignRecord): void {
  const now = store.nowIso();
  switch (campaign.status) {
    case 'PENDING': {
      const content = generateCampaignContent(
        campaign,
        {
          identities: store.all('identities'),
          sources: store.all('sources'),
          entitlements: store.all('entitlements'),
          accessProfiles: store.all('accessProfiles'),
          roles: store.all('roles'),
          accounts: store.all('accounts'),
          assignments: store.assignments,
        },
        { newId: () => store.newId(), now, phase: 'STAGED' },
      );
      for (const cert of content.certifications) store.put('certifications', cert);
      for (const item of content.items) store.put('items', item);
      const failed = content.alerts.some((a) => a.level === 'ERROR');
      store.put('campaigns', {
        ...campaign,
        status: failed ? 'ERROR' : 'STAGED',
        alerts: content.alerts,
        totalCertifications: content.certifications.length,
        completedCertifications: 0,
        modified: now,
        transitionAt: null,
      });
      return;
    }
    case 'ACTIVATING':
      for (const cert of store.all('certifications')) {
        if (cert.campaignId === campaign.id && cert.phase === 'STAGED') store.put('certifications', { ...cert, phase: 'ACTIVE', due: campaign.deadline ?? null, modified: now });
      }
      store.put('campaigns', { ...campaign, status: 'ACTIVE', modified: now, transitionAt: null });
      return;
    case 'COMPLETING':
      store.put('campaigns', { ...campaign, status: 'COMPLETED', modified: now, transitionAt: null });
      return;
    case 'CANCELING':
      for (const cert of store.all('certifications')) {
        if (cert.campaignId !== campaign.id) continue;
        for (const item of [...store.itemsOf(cert.id)]) store.delete('items', item.id);
        store.delete('certifications', cert.id);
      }
      store.delete('campaigns', campaign.id);
      return;
    default:
      store.put('campaigns', { ...campaign, transitionAt: null });
  }
}

function finishTask(store: Store, task: TaskRecord): void {
  const work = task.work;
  try {
    if (work.kind === 'reassign') {
      const cert = store.get('certifications', work.certificationId);
      if (!cert || cert.phase !== 'ACTIVE') throw new Error('The certification is no longer active.');
      // Items already moved or gone since the request are skipped, not failed.
      const items = resolveReassignRefs(store, cert, work.refs.filter((r) => r.type !== 'ITEM' || store.get('items', r.id)?.certificationId === cert.id));
      applyReassign(store, cert, items, work.reassignTo, work.reason);
    } else if (work.kind === 'admin-reassign') {
      for (const id of work.certificationIds) {
        const cert = store.get('certifications', id);
        if (!cert || cert.phase === 'SIGNED' || cert.reviewerId === work.reassignTo) continue;
        const target = applyReassign(store, cert, [...store.itemsOf(cert.id)], work.reassignTo, work.reason);
        store.put('certifications', {
          ...target,
          reassignment: { fromId: cert.id, comment: work.reason, fromName: cert.name, fromReviewerId: cert.reviewerId },
        });
        store.delete('certifications', cert.id);
      }
    }
    store.put('tasks', { ...task, status: 'SUCCESS' });
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    store.put('tasks', { ...task, status: 'ERROR', errors: [{ locale: 'en-US', localeOrigin: 'DEFAULT', text }] });
  }
}

/** When every certification of a campaign is signed, its revocations go to remediation and it completes. */
export function settleCampaignIfAllSigned(store: Store, campaignId: string): void {
  const campaign = store.get('campaigns', campaignId);
  if (!campaign || campaign.status !== 'ACTIVE') return;
  const certs = store.all('certifications').filter((c) => c.campaignId === campaignId);
  if (certs.length === 0 || certs.some((c) => c.phase !== 'SIGNED')) return;
  const revoked = certs.some((c) => store.itemsOf(c.id).some((i) => i.decision === 'REVOKE'));
  store.put('campaigns', {
    ...campaign,
    status: 'COMPLETING',
    modified: store.nowIso(),
    transitionAt: later(store, revoked ? DURATIONS.remediationMs : DURATIONS.completeMs),
  });
}
