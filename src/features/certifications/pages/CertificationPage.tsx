import { memo, useCallback, useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Skeleton from '@mui/material/Skeleton';
import Snackbar from '@mui/material/Snackbar';
import { useParams } from 'react-router';
import type { AccessReviewItem, IdentityCertificationDto } from '../../../api/schemas';
import { ErrorState } from '../../../components/ErrorState';
import { Crumbs } from '../../../components/Crumbs';
import { PageContainer } from '../../../components/PageContainer';
import { TenantText } from '../../../components/TenantText';
import { isAdmin, useSession } from '../../../api/session';
import { PhaseChip } from '../components/PhaseChip';
import { certificationQueries } from '../queries';
import { DecisionStatus } from '../workspace/DecisionStatus';
import { useDecisions, useUnsentDecisionsGuard } from '../workspace/decisions/useDecisions';
import { BulkConfirmDialog } from '../workspace/dialogs/BulkConfirmDialog';
import { DecisionDialog } from '../workspace/dialogs/DecisionDialog';
import { ItemReviewDrawer } from '../workspace/dialogs/ItemReviewDrawer';
import { ShortcutsDialog } from '../workspace/grid/ShortcutsDialog';
import type { ItemSelection } from '../workspace/grid/ItemGrid';
import { ItemReview } from '../workspace/grid/ItemReview';
import { isTypingTarget } from '../workspace/grid/useGridKeyboard';
import { PendingTasks } from '../workspace/reassign/PendingTasks';
import { ReassignDialog, type ReassignTargets } from '../workspace/reassign/ReassignDialog';
import { SignOffButton } from '../workspace/SignOff';
import { useCertificationFacts } from '../workspace/useCertificationFacts';
import { useDecisionFlow } from '../workspace/useDecisionFlow';
import { WorkspaceHeader } from '../workspace/WorkspaceHeader';

const MemoItemReview = memo(ItemReview);
const MemoWorkspaceHeader = memo(WorkspaceHeader);
type ItemReviewProps = Parameters<typeof ItemReview>[0];


/** The certification workspace: its facts, the items to review, decisions, reassignment and sign-off. */
export function CertificationPage() {
  const { id = '' } = useParams();
  const session = useSession();
  const certification = useQuery(certificationQueries.detail(id));
  const cert = certification.data;
  // Someone else's certification (an admin looking) is not "mine".
  const mine = !cert || !session || cert.reviewer?.id === session.identityId;
  const crumbs = [
    mine
      ? { label: 'My certifications', to: cert?.phase === 'SIGNED' ? '/certifications/completed' : '/certifications' }
      : { label: cert?.campaign?.name ? `Campaign: ${cert.campaign.name}` : 'Campaigns', to: cert?.campaign?.id ? `/campaigns/${cert.campaign.id}` : '/campaigns' },
    { label: cert?.name ?? 'Certification' },
  ];

  if (certification.isError && !cert) {
    return (
      <PageContainer title="Certification" breadcrumbs={<Crumbs items={crumbs} />}>
        <ErrorState title="This certification could not be loaded" error={certification.error} onRetry={() => void certification.refetch()} />
      </PageContainer>
    );
  }
  if (!cert) {
    return (
      <PageContainer title={<Skeleton width={320} />} breadcrumbs={<Crumbs items={crumbs} />}>
        <Skeleton variant="rounded" height={160} aria-label="Loading certification" />
      </PageContainer>
    );
  }
  return <Workspace certification={cert} crumbs={crumbs} />;
}

const NO_SELECTION: ItemSelection = new Map();

/** The selection without what a reassignment moved away: a stale item must never be decided. */
function withoutReassigned(selection: ItemSelection, targets: ReassignTargets): ItemSelection {
  const gone =
    'items' in targets
      ? (item: AccessReviewItem) => targets.items.some((t) => t.id === item.id)
      : (item: AccessReviewItem) => targets.identities.some((t) => t.identitySummaryId === item.identitySummary?.id);
  return new Map([...selection].filter(([, item]) => !gone(item)));
}

function Workspace({ certification: cert, crumbs }: { certification: IdentityCertificationDto; crumbs: { label: string; to?: string }[] }) {
  const session = useSession();
  const actingFor = session !== null && cert.reviewer?.id !== session.identityId;
  // Signed certifications, and ones the signed-in person neither reviews nor administers, are read-only.
  const readOnly = cert.phase !== 'ACTIVE' || (actingFor && !isAdmin(session));
  const [selection, setSelection] = useState<ItemSelection>(NO_SELECTION);
  const flow = useDecisionFlow(cert);
  const { decisions, request } = flow;
  const facts = useCertificationFacts(cert);
  const [details, setDetails] = useState<AccessReviewItem | null>(null);
  const [reassign, setReassign] = useState<ReassignTargets | null>(null);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const [signOffOpen, setSignOffOpen] = useState(false);
  // Stable handlers, so a decision re-renders the rows that changed rather than the whole workspace.
  const { requestDecision, requestComment } = flow;
  const onRequestDecision = useCallback<ItemReviewProps['onRequestDecision']>(
    (items, decision, options) => void requestDecision(items, decision, options),
    [requestDecision],
  );
  const onComment = useCallback((item: AccessReviewItem) => requestComment([item], item.decision ?? 'APPROVE', item.comments ?? undefined), [requestComment]);
  const onReassign = useCallback((items: AccessReviewItem[]) => setReassign({ items }), []);
  const onReassignIdentity = useCallback<NonNullable<ItemReviewProps['onReassignIdentity']>>((identity) => setReassign({ identities: [identity] }), []);
  const onShowShortcuts = useCallback(() => setShortcutsOpen(true), []);

  // `?` anywhere on the page shows the shortcuts (the grid handles its own keys when focused).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === '?' && !isTypingTarget(event.target)) {
        event.preventDefault();
        setShortcutsOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <PageContainer
      title={<TenantText text={cert.name} fallback="(no name)" lines={2} />}
      breadcrumbs={<Crumbs items={crumbs} />}
      actions={
        <>
          <PhaseChip phase={cert.phase} />
          <Button variant="outlined" onClick={() => setShortcutsOpen(true)}>Shortcuts</Button>
          {readOnly ? null : <SignOffButton certification={cert} open={signOffOpen} onOpenChange={setSignOffOpen} />}
        </>
      }
    >
      {actingFor ? (
        <Alert severity="info" variant="outlined" role="note" aria-label="Whose certification this is" sx={{ mb: 2, overflowWrap: 'anywhere' }}>
          <AlertTitle>{`This is ${cert.reviewer?.name || 'another reviewer'}’s certification`}</AlertTitle>
          {readOnly
            ? 'You can look, but not decide: you are neither its reviewer nor a certification admin.'
            : `You are acting as a certification admin. Every decision you make here is recorded under your own name (${session?.name ?? 'you'}), not ${cert.reviewer?.name || 'the reviewer'}’s.`}
        </Alert>
      ) : null}
      <MemoWorkspaceHeader certification={cert} />
      <PendingTasks certificationId={cert.id!} />
      <DecisionActivity certificationId={cert.id!} />
      <MemoItemReview
        certification={facts}
        readOnly={readOnly}
        label="Access review items"
        onOpenDetails={setDetails}
        onRequestDecision={onRequestDecision}
        onReassign={onReassign}
        onReassignIdentity={onReassignIdentity}
        onComment={onComment}
        onShowShortcuts={onShowShortcuts}
        selection={selection}
        onSelectionChange={setSelection}
      />

      {request?.kind === 'comment' ? (
        <DecisionDialog
          open
          decision={request.decision}
          items={request.items}
          requirement={cert.campaign?.mandatoryCommentRequirement}
          initialComment={request.initialComment}
          onCancel={flow.cancel}
          onConfirm={flow.confirm}
        />
      ) : null}
      {request?.kind === 'bulk' && request.error ? (
        <Dialog open onClose={flow.cancel} aria-labelledby="gather-error-title">
          <DialogTitle id="gather-error-title">The items could not be gathered</DialogTitle>
          <DialogContent>
            <DialogContentText>
              Nothing was decided. {request.error} Try again; if it keeps failing, narrow the filter and decide in smaller sets.
            </DialogContentText>
          </DialogContent>
          <DialogActions>
            <Button onClick={flow.cancel} autoFocus>Close</Button>
          </DialogActions>
        </Dialog>
      ) : null}
      {request?.kind === 'bulk' && !request.error ? (
        <BulkConfirmDialog
          open
          certificationId={cert.id!}
          decision={request.decision}
          count={request.count}
          items={request.items}
          loading={request.loading}
          scopeLabel={request.scopeLabel}
          requirement={cert.campaign?.mandatoryCommentRequirement}
          onCancel={flow.cancel}
          onConfirm={flow.confirm}
        />
      ) : null}
      <ItemReviewDrawer
        certificationId={cert.id!}
        item={details}
        onShow={setDetails}
        onClose={() => setDetails(null)}
        readOnly={readOnly}
        onRequestDecision={onRequestDecision}
        onRequestComment={requestComment}
        onReassign={onReassign}
      />
      <ShortcutsDialog open={shortcutsOpen} onClose={() => setShortcutsOpen(false)} readOnly={readOnly} />
      {reassign ? (
        <ReassignDialog
          open
          certificationId={cert.id!}
          currentReviewerId={cert.reviewer?.id ?? ''}
          targets={reassign}
          onClose={() => setReassign(null)}
          onDone={() => {
            setSelection((current) => withoutReassigned(current, reassign));
            setReassign(null);
          }}
        />
      ) : null}
      <Snackbar
        key={flow.notice?.id}
        open={flow.notice !== null}
        autoHideDuration={8000}
        onClose={(_, reason) => reason !== 'clickaway' && flow.clearNotice()}
        message={flow.notice?.text}
        action={
          decisions.canUndo ? (
            <Button color="inherit" size="small" onClick={() => { flow.clearNotice(); flow.undo(); }}>
              Undo
            </Button>
          ) : undefined
        }
      />
    </PageContainer>
  );
}

/**
 * Where decisions stand, and the guard against leaving with unsent ones. It subscribes to the decision
 * queue itself, so the rest of the workspace doesn't re-render on every decision.
 */
function DecisionActivity({ certificationId }: { certificationId: string }) {
  const decisions = useDecisions(certificationId);
  const blocker = useUnsentDecisionsGuard(decisions.unsentCount);
  return (
    <>
      <DecisionStatus certificationId={certificationId} decisions={decisions} />
      <Dialog open={blocker.state === 'blocked'} onClose={() => blocker.reset?.()} aria-labelledby="leave-title">
        <DialogTitle id="leave-title">Decisions are still being saved</DialogTitle>
        <DialogContent>
          <DialogContentText>
            {decisions.unsentCount.toLocaleString()} decision{decisions.unsentCount === 1 ? ' is' : 's are'} not yet confirmed by the tenant. They are kept in this
            browser and will be sent when you come back, but if you leave now they won't be sent until then.
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => blocker.reset?.()} autoFocus>Stay</Button>
          <Button color="error" onClick={() => blocker.proceed?.()}>Leave anyway</Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
