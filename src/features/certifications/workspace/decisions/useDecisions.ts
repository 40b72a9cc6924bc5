import { startTransition, useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useBlocker } from 'react-router';
import { getIdentityCertification, listIdentityAccessReviewItems, makeIdentityDecision } from '../../../../api/certifications';
import { f } from '../../../../api/filters';
import { decodeAccessToken } from '../../../../api/jwt';
import { DECIDE_MAX } from '../../../../api/rules';
import type { AccessReviewItem, CertificationDecision, ReviewDecision } from '../../../../api/schemas';
import { sessionStore, type Session } from '../../../../api/session';
import { certificationQueries } from '../../queries';
import { applyDecisionsToCache, itemQueries } from '../items';
import {
  DecisionQueue,
  NotSignedInAsOwner,
  ownerKey,
  webLock,
  type DecisionOwner,
  type QueueEntry,
  type QueueHealth,
  type RunProgress,
} from './queue';
import { indexedDbDecisionStorage } from './storage';

let queue: DecisionQueue | null = null;

/** The identity (on its tenant) a session decides as: decisions are recorded under it and sent only with it. */
export function decisionOwnerOf(session: Session): DecisionOwner {
  const claims = decodeAccessToken(session.accessToken) as ({ org?: string } & ReturnType<typeof decodeAccessToken>) | null;
  const tenant = claims?.tenant_id ?? claims?.org ?? (typeof window !== 'undefined' ? window.location.host : 'tenant');
  return { identityId: session.identityId, name: session.name, tenant };
}

/** The owner's access token, if the owner is who is signed in (and the session still works). */
function tokenOf(owner: DecisionOwner): string {
  const session = sessionStore.get();
  if (!session || sessionStore.isExpired() || ownerKey(decisionOwnerOf(session)) !== ownerKey(owner)) throw new NotSignedInAsOwner(owner);
  return session.accessToken;
}

/**
 * The app's one decision queue: sends through the typed client with the deciding reviewer's own token,
 * reads lost calls back, one sending tab per reviewer (Web Locks), every tab in step (BroadcastChannel),
 * restored from IndexedDB.
 */
export function getDecisionQueue(): DecisionQueue {
  if (!queue) {
    const q = new DecisionQueue({
      storage: indexedDbDecisionStorage(),
      send: (certificationId, decisions, owner) => makeIdentityDecision(certificationId, decisions, { accessToken: tokenOf(owner) }),
      readBack: async (certificationId, itemIds, owner) => {
        const page = await listIdentityAccessReviewItems(certificationId, { filters: f.in('id', itemIds), limit: DECIDE_MAX }, { accessToken: tokenOf(owner) });
        return new Map(page.items.flatMap((item) => (item.id ? [[item.id, { decision: item.decision, comments: item.comments }] as const] : [])));
      },
      acceptsDecisions: async (certificationId, owner) => (await getIdentityCertification(certificationId, { accessToken: tokenOf(owner) })).phase === 'ACTIVE',
      lock: typeof navigator !== 'undefined' && navigator.locks ? webLock : undefined,
      channel: typeof BroadcastChannel !== 'undefined' ? new BroadcastChannel('attest-decisions') : undefined,
      sendTimeoutMs: 60_000,
      isOnline: () => (typeof navigator === 'undefined' ? true : navigator.onLine),
    });
    queue = q;
    void q.load();
    connectQueueToSession(q);
    if (typeof window !== 'undefined') {
      window.addEventListener('online', () => q.resume());
      window.addEventListener('offline', () => q.notifyAll());
    }
  }
  return queue;
}

/**
 * Keeps the queue's actor in step with who is signed in: a renewed session sends what waited; another
 * identity holds the previous one's decisions (and its undo steps go).
 */
export function connectQueueToSession(q: DecisionQueue): () => void {
  let last: string | null = null;
  const sync = () => {
    const session = sessionStore.get();
    const owner = session ? decisionOwnerOf(session) : null;
    const key = owner ? ownerKey(owner) : null;
    if (key !== last) {
      undoStacks.clear();
      tallies.clear();
      last = key;
    }
    q.setActor(owner);
    if (session && !sessionStore.isExpired()) q.resume();
  };
  sync();
  return sessionStore.subscribe(sync);
}

let disconnectSession: (() => void) | null = null;

/**
 * Tests: a fresh queue (its storage is cleared by the caller), following who is signed in. Undo steps and
 * tallies of the old one go with it.
 */
export function replaceDecisionQueue(next: DecisionQueue | null): void {
  disconnectSession?.();
  disconnectSession = null;
  queue = next;
  undoStacks.clear();
  tallies.clear();
  if (next) disconnectSession = connectQueueToSession(next);
}

const cacheSyncs = new WeakMap<DecisionQueue, WeakMap<QueryClient, Map<string, { users: number; stop: () => void }>>>();

/**
 * Decisions the tenant confirmed that the cached item pages don't show yet, by item id. Rows read them
 * through their own subscription; the pages are patched once the certification's queue drains. Patching
 * the page on screen after every confirmed call gave the grid a new set of rows each time, and it
 * re-rendered every cell of the page.
 */
const confirmedNotInCache = new Map<string, ReviewDecision>();

/** Writes what was confirmed since the last drain into every cached page and index, then forgets it. */
function flushConfirmed(queryClient: QueryClient, certificationId: string, confirmed: Map<string, ReviewDecision>) {
  if (confirmed.size === 0) return;
  applyDecisionsToCache(queryClient, certificationId, [...confirmed.values()]);
  for (const [id, decision] of confirmed) if (confirmedNotInCache.get(id) === decision) confirmedNotInCache.delete(id);
  confirmed.clear();
}

/**
 * Writes confirmed decisions into the query cache, once per certification however many components use
 * its decisions (the rows, the status bar, sign-off): reference-counted, answers the release.
 */
function retainCacheSync(q: DecisionQueue, queryClient: QueryClient, certificationId: string): () => void {
  let byClient = cacheSyncs.get(q);
  if (!byClient) cacheSyncs.set(q, (byClient = new WeakMap()));
  let syncs = byClient.get(queryClient);
  if (!syncs) byClient.set(queryClient, (syncs = new Map()));
  let sync = syncs.get(certificationId);
  if (!sync) {
    const confirmed = new Map<string, ReviewDecision>();
    const unsubscribe = q.subscribe((event) => {
      if (event.certificationId !== certificationId) return;
      if (event.type === 'sent') {
        // Calls in flight together can answer out of order: a certification's decision count only grows, so
        // an older answer never replaces a newer one.
        const answer = event.certification;
        if (answer) queryClient.setQueryData(certificationQueries.detail(certificationId).queryKey, (cached) => (cached && cached.phase === answer.phase && (cached.decisionsMade ?? 0) > (answer.decisionsMade ?? 0) ? cached : answer));
        else void queryClient.invalidateQueries({ queryKey: certificationQueries.detail(certificationId).queryKey, exact: true });
        for (const decision of event.decisions) {
          confirmed.set(decision.id, decision);
          confirmedNotInCache.set(decision.id, decision);
        }
        void queryClient.invalidateQueries({ queryKey: certificationQueries.lists() });
      }
      if (!q.hasPending(certificationId)) {
        // All confirmed: the pages take the decisions in one go, and those with filters such as
        // "undecided" catch up with the tenant. The full index holds every item whatever its decision, and
        // the confirmed decisions are written into it: reading it again would be ~40 calls after every bulk
        // decision on a 10,000-item certification.
        flushConfirmed(queryClient, certificationId, confirmed);
        const itemsKey = itemQueries.all(certificationId);
        if (event.type === 'change') void queryClient.invalidateQueries({ queryKey: itemsKey, refetchType: 'active', predicate: (query) => query.queryKey[itemsKey.length] !== 'index' });
      }
    });
    const stop = () => {
      unsubscribe();
      flushConfirmed(queryClient, certificationId, confirmed);
    };
    syncs.set(certificationId, (sync = { users: 0, stop }));
  }
  sync.users++;
  const current = sync;
  return () => {
    if (--current.users === 0) {
      current.stop();
      syncs.delete(certificationId);
    }
  };
}

/** What a row shows: the decision not yet confirmed if there is one, else the tenant's. */
export interface EffectiveDecision {
  decision: CertificationDecision | undefined;
  comments: string | null | undefined;
  state: 'saved' | 'undecided' | 'queued' | 'sending' | 'failed';
  message?: string;
  /** The decision the tenant refused, when state is 'failed'. */
  failed?: ReviewDecision;
}

export function effectiveDecision(item: AccessReviewItem, pending: Map<string, QueueEntry>): EffectiveDecision {
  return effectiveDecisionOf(item, item.id ? pending.get(item.id) : undefined);
}

/** What a row shows, from the item and its own queue entry (if any), or what the tenant confirmed since. */
function effectiveDecisionOf(item: AccessReviewItem, entry: QueueEntry | undefined): EffectiveDecision {
  const confirmed = !entry && item.id ? confirmedNotInCache.get(item.id) : undefined;
  if (confirmed) return { decision: confirmed.decision, comments: confirmed.comments ?? null, state: 'saved' };
  if (entry) {
    if (entry.status === 'failed') {
      return { decision: item.decision, comments: item.comments, state: 'failed', message: entry.message, failed: entry.decision };
    }
    // A call whose reply was lost is still "being saved" to the reviewer: it is read back before anything else.
    return { decision: entry.decision.decision, comments: entry.decision.comments, state: entry.status === 'uncertain' ? 'sending' : entry.status };
  }
  return { decision: item.decision, comments: item.comments, state: item.decision ? 'saved' : 'undecided' };
}

/**
 * One item's decision as its row shows it. The row subscribes to its own queue entry, so a decision
 * re-renders the cells of that row and nothing else (a 100-row page stays one frame per decision).
 */
export function useItemDecision(certificationId: string, item: AccessReviewItem): EffectiveDecision {
  const q = getDecisionQueue();
  const id = item.id;
  const subscribe = useCallback((notify: () => void) => q.subscribe((event) => event.certificationId === certificationId && notify()), [q, certificationId]);
  // Entries change in place (queued → sending): the snapshot is a stamp of what the row shows.
  const stamp = useSyncExternalStore(subscribe, () => {
    const entry = id ? q.entry(certificationId, id) : undefined;
    if (entry) return `${entry.version}:${entry.status}:${entry.message ?? ''}`;
    const confirmed = id ? confirmedNotInCache.get(id) : undefined;
    return confirmed ? `saved:${confirmed.decision}:${confirmed.comments ?? ''}` : '';
  });
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `stamp` changes exactly when the item's entry does
  return useMemo(() => effectiveDecisionOf(item, id ? q.entry(certificationId, id) : undefined), [item, id, q, certificationId, stamp]);
}

export interface DecisionInput {
  item: AccessReviewItem;
  decision: CertificationDecision;
  comments?: string;
  /** REVOKE only: when the access should end. */
  proposedEndDate?: string;
}

interface UndoStep {
  certificationId: string;
  bulk: boolean;
  /** High-risk items approved in bulk by this step. */
  highRisk: number;
  /**
   * Each item's decision before the step: what undo restores. `saved` when it is the tenant's own (then a
   * step taken back before it was sent needs nothing restored).
   */
  before: { item: AccessReviewItem; previous: ReviewDecision | null; saved: boolean }[];
}

const undoStacks = new Map<string, UndoStep[]>();
/** Decisions made in this browser session: one by one, in bulk, and high-risk items approved in bulk. */
export interface DecisionTally {
  bulk: number;
  single: number;
  bulkHighRisk: number;
}
const tallies = new Map<string, DecisionTally>();

/**
 * The queue's revision for views that summarise it (status, progress, counts, sign-off), for changes in one
 * certification (null: in any; undefined: none). They follow the queue in a transition, a render behind the
 * rows: a decision's row (useItemDecision) paints first, and a burst of changes is one render.
 */
export function useQueueRevision(q: DecisionQueue, certificationId: string | null | undefined): number {
  const [revision, setRevision] = useState(() => q.revision());
  useEffect(() => {
    if (certificationId === undefined) return;
    const follow = () => startTransition(() => setRevision(q.revision()));
    follow(); // what changed between the render and this subscription
    return q.subscribe((event) => (certificationId === null || event.certificationId === certificationId) && follow());
  }, [q, certificationId]);
  return certificationId === undefined ? 0 : revision;
}

/**
 * Decisions on a certification: decide (optimistic, durable), undo, bulk progress, failures.
 * Confirmed decisions are written into the cached certification and item pages as they land.
 */
export function useDecisions(certificationId: string, options: { rerender?: boolean } = {}) {
  const q = getDecisionQueue();
  const queryClient = useQueryClient();
  // `rerender: false`: for components that only act (decide, undo) and must not re-render on every change.
  const rerender = options.rerender ?? true;

  const version = useQueueRevision(q, rerender ? certificationId : undefined);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `version` changes exactly when the queue does
  const pending = useMemo(() => q.pending(certificationId), [q, certificationId, version]);

  useEffect(() => retainCacheSync(q, queryClient, certificationId), [q, certificationId, queryClient]);

  const decide = useCallback(
    (inputs: DecisionInput[], options: { bulk: boolean; highRisk?: number }) => {
      if (inputs.length === 0) return;
      const current = q.pending(certificationId);
      const before = inputs.map(({ item }) => {
        const entry = current.get(item.id!);
        const saved = !(entry && entry.status !== 'failed');
        const previous: ReviewDecision | null = !saved
          ? entry!.decision
          : item.decision
            ? { id: item.id!, decision: item.decision, bulk: false, ...(item.comments ? { comments: item.comments } : {}) }
            : null;
        return { item, previous, saved };
      });
      const stack = undoStacks.get(certificationId) ?? [];
      stack.push({ certificationId, bulk: options.bulk, highRisk: options.highRisk ?? 0, before });
      undoStacks.set(certificationId, stack.slice(-50));
      const tally = tallies.get(certificationId) ?? { bulk: 0, single: 0, bulkHighRisk: 0 };
      if (options.bulk) tally.bulk += inputs.length;
      else tally.single += inputs.length;
      if (options.bulk) tally.bulkHighRisk += options.highRisk ?? 0;
      tallies.set(certificationId, tally);
      q.enqueue(
        certificationId,
        inputs.map(({ item, decision, comments, proposedEndDate }) => ({
          id: item.id!,
          decision,
          bulk: options.bulk,
          ...(comments?.trim() ? { comments: comments.trim() } : {}),
          ...(decision === 'REVOKE' && proposedEndDate ? { proposedEndDate } : {}),
        })),
        { immediate: options.bulk },
      );
    },
    [q, certificationId],
  );

  /**
   * Reverts the last step. Decisions not yet sent are simply taken back; sent ones go back to their
   * previous decision. ISC cannot clear a decision, so a first decision already confirmed stays: the
   * answer says so, and the reviewer can change it instead.
   */
  const undo = useCallback((): { undone: number; kept: number } | null => {
    const stack = undoStacks.get(certificationId);
    const step = stack?.pop();
    if (!step) return null;
    let undone = 0;
    let kept = 0;
    const restore: ReviewDecision[] = [];
    const cancelled = new Set(q.cancel(certificationId, step.before.map((b) => b.item.id!)));
    for (const { item, previous, saved } of step.before) {
      if (cancelled.has(item.id!) && saved) {
        // Taken back before it was sent: the tenant still has the previous decision (or none).
        undone++;
      } else if (previous) {
        restore.push(previous);
        undone++;
      } else kept++;
    }
    if (restore.length) q.enqueue(certificationId, restore);
    const tally = tallies.get(certificationId);
    if (tally) {
      if (step.bulk) tally.bulk = Math.max(0, tally.bulk - undone);
      else tally.single = Math.max(0, tally.single - undone);
      if (step.bulk && undone === step.before.length) tally.bulkHighRisk = Math.max(0, tally.bulkHighRisk - step.highRisk);
    }
    return { undone, kept };
  }, [q, certificationId]);

  let failedCount = 0;
  let unsentCount = 0;
  for (const entry of pending.values()) {
    if (entry.status === 'failed') failedCount++;
    else unsentCount++;
  }

  return {
    pending,
    decide,
    undo,
    canUndo: (undoStacks.get(certificationId)?.length ?? 0) > 0,
    progress: q.progress(certificationId) as RunProgress | null,
    /** Why decisions wait and when the next try is. */
    health: q.health(certificationId) as QueueHealth,
    retryNow: () => q.retryNow(certificationId),
    failedCount,
    unsentCount,
    /** Decisions made in this browser, in bulk and one by one (for the workspace's honesty counter). */
    tally: tallies.get(certificationId) ?? ({ bulk: 0, single: 0, bulkHighRisk: 0 } as DecisionTally),
    retryFailed: () => q.retryFailed(certificationId),
    discardFailed: () => q.discardFailed(certificationId),
  };
}

/** Warns before leaving the page (or the app) while decisions are not yet confirmed. */
export function useUnsentDecisionsGuard(unsent: number) {
  useEffect(() => {
    if (unsent === 0) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [unsent]);
  return useBlocker(({ currentLocation, nextLocation }) => unsent > 0 && currentLocation.pathname !== nextLocation.pathname);
}
