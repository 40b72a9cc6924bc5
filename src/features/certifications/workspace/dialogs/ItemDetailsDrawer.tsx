import { Fragment, useId, useRef, useState, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Divider from '@mui/material/Divider';
import Drawer from '@mui/material/Drawer';
import IconButton from '@mui/material/IconButton';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { Theme } from '@mui/material/styles';
import BlockIcon from '@mui/icons-material/Block';
import CheckIcon from '@mui/icons-material/Check';
import CloseIcon from '@mui/icons-material/Close';
import CommentIcon from '@mui/icons-material/CommentOutlined';
import NavigateBeforeIcon from '@mui/icons-material/NavigateBefore';
import NavigateNextIcon from '@mui/icons-material/NavigateNext';
import PersonAddAltIcon from '@mui/icons-material/PersonAddAlt';
import type {
  AccessReviewItem,
  CertificationDecision,
  IdentityReferenceWithNameAndEmail,
  ReviewableAccessProfile,
  ReviewableEntitlement,
  ReviewableEntitlementAccount,
} from '../../../../api/schemas';
import { HIGH_RISK, RISK_LABELS, accessRecord, riskFlags, usageDays } from '../risk';
import type { QueueEntry } from '../decisions/queue';
import { effectiveDecision, useDecisions } from '../decisions/useDecisions';
import { isTypingTarget } from '../grid/useGridKeyboard';
import { PermissionsSection } from './PermissionsSection';
import type { ItemNavigation } from './useItemNavigation';

export interface ItemDetailsDrawerProps {
  certificationId: string;
  /** The item shown; null closes the drawer. */
  item: AccessReviewItem | null;
  onClose(): void;
  /** The page's decision controls for this item (when `review` is not given). */
  decisionSlot?: ReactNode;
  /** Deciding from the pane: the item's current decision and comment, with approve, revoke, comment, reassign. */
  review?: ItemReviewControls;
  /** Previous and next item (`k` / `j`), without closing. */
  navigation?: ItemNavigation;
}

/** What the pane's decision controls ask the page to do; the page applies the queue's rules (comments, owner). */
export interface ItemReviewControls {
  /** Only the decision is shown, no controls (signed, or not the reviewer's). */
  readOnly: boolean;
  onDecide(item: AccessReviewItem, decision: CertificationDecision): void;
  /** Comment on the item, keeping the decision it has (or approving an undecided one). */
  onComment(item: AccessReviewItem, decision: CertificationDecision, comments: string | undefined): void;
  onReassign(item: AccessReviewItem): void;
}

const TYPE_LABELS: Record<string, string> = { ENTITLEMENT: 'Entitlement', ACCESS_PROFILE: 'Access profile', ROLE: 'Role' };

/**
 * Everything ISC says about one review item, on the right; its permissions are read on demand. With
 * `review` and `navigation` it is where a careful reviewer works: decide, comment, reassign, and move on
 * with j / k, keyboard only.
 */
export function ItemDetailsDrawer({ certificationId, item, onClose, decisionSlot, review, navigation }: ItemDetailsDrawerProps) {
  // The last item stays on screen while the drawer slides out.
  const [shown, setShown] = useState(item);
  if (item && item !== shown) setShown(item);
  const titleId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  // Closed, it has nothing to show: it doesn't re-render with every change of the decision queue.
  const { pending } = useDecisions(certificationId, { rerender: review !== undefined && item !== null });

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (!shown || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return;
    // Keys from a dialog opened over the pane (a portal) are not the pane's.
    if (!(event.target instanceof Node) || !event.currentTarget.contains(event.target)) return;
    const current = effectiveDecision(shown, pending);
    const take = (action: () => void) => {
      event.preventDefault();
      action();
    };
    const move = (go: (() => void) | undefined, can: boolean | undefined) => {
      if (!go || !can) return;
      // Focus on the heading: the new item is read out, and focus never falls into a section that is replaced.
      heading.current?.focus();
      go();
    };
    switch (event.key) {
      case 'j':
      case 'J':
        return take(() => move(navigation?.onNext, navigation?.hasNext));
      case 'k':
      case 'K':
        return take(() => move(navigation?.onPrevious, navigation?.hasPrevious));
    }
    if (!review || review.readOnly) return;
    switch (event.key) {
      case 'a':
      case 'A':
        return take(() => review.onDecide(shown, 'APPROVE'));
      case 'r':
      case 'R':
        return take(() => review.onDecide(shown, 'REVOKE'));
      case 'c':
      case 'C':
        return take(() => review.onComment(shown, current.decision ?? 'APPROVE', current.comments ?? undefined));
    }
  };

  return (
    <Drawer
      anchor="right"
      open={item !== null}
      onClose={onClose}
      slotProps={{ paper: { 'aria-labelledby': titleId, onKeyDown, sx: { width: { xs: '100%', sm: 560 } } } }}
    >
      {shown ? (
        <Box sx={{ p: { xs: 2, sm: 3 }, overflowWrap: 'anywhere' }}>
          <Header item={shown} titleId={titleId} heading={heading} onClose={onClose} />
          {navigation ? <NavigationBar navigation={navigation} /> : null}
          {review ? (
            <Box sx={{ my: 2 }}>
              <DecisionPanel item={shown} pending={pending} review={review} />
            </Box>
          ) : decisionSlot ? (
            <Box sx={{ my: 2 }}>{decisionSlot}</Box>
          ) : null}
          <ItemDetails key={shown.id} certificationId={certificationId} item={shown} />
        </Box>
      ) : null}
    </Drawer>
  );
}

function Header({ item, titleId, heading, onClose }: { item: AccessReviewItem; titleId: string; heading: RefObject<HTMLHeadingElement | null>; onClose(): void }) {
  const record = accessRecord(item);
  const type = item.accessSummary?.access?.type;
  const typeLabel = (type && TYPE_LABELS[type]) || 'Access';
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start', mb: 1 }}>
      <Box sx={{ flex: 1, minWidth: 0 }}>
        <Typography variant="h6" component="h2" id={titleId} ref={heading} tabIndex={-1} sx={{ '&:focus': { outline: 'none' }, '&:focus-visible': { outline: '2px solid', outlineColor: 'primary.main' } }}>
          {item.accessSummary?.access?.name || record?.name || 'Unnamed access'}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {`${typeLabel} for ${item.identitySummary?.name || 'an unnamed identity'}`}
        </Typography>
      </Box>
      <IconButton aria-label="Close details" onClick={onClose} edge="end">
        <CloseIcon />
      </IconButton>
    </Stack>
  );
}

function NavigationBar({ navigation }: { navigation: ItemNavigation }) {
  return (
    <Stack direction="row" sx={{ alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
      <Button size="small" startIcon={<NavigateBeforeIcon />} onClick={navigation.onPrevious} disabled={!navigation.hasPrevious} aria-keyshortcuts="k">
        Previous
      </Button>
      <Button size="small" endIcon={<NavigateNextIcon />} onClick={navigation.onNext} disabled={!navigation.hasNext} aria-keyshortcuts="j">
        Next
      </Button>
      <Typography variant="body2" color="text.secondary" role="status" sx={{ ml: 'auto' }}>
        {navigation.position}
      </Typography>
    </Stack>
  );
}

/** Text in a status colour that reads 4.5:1 in both schemes. */
function toneText(tone: 'success' | 'error') {
  return (theme: Theme) => ({ color: theme.vars?.palette[tone].dark ?? theme.palette[tone].dark, ...theme.applyStyles('dark', { color: theme.vars?.palette[tone].light ?? theme.palette[tone].light }) });
}

/** The item's decision as the grid row shows it (a decision not yet saved included), and the controls to change it. */
function DecisionPanel({ item, pending, review }: { item: AccessReviewItem; pending: Map<string, QueueEntry>; review: ItemReviewControls }) {
  const id = useId();
  const current = effectiveDecision(item, pending);
  const label = current.decision === 'APPROVE' ? 'Approved' : current.decision === 'REVOKE' ? 'Revoked' : 'Undecided';
  const tone = current.decision === 'APPROVE' ? toneText('success') : current.decision === 'REVOKE' ? toneText('error') : { color: 'text.secondary' };
  const state =
    current.state === 'queued' || current.state === 'sending'
      ? 'Saving…'
      : current.state === 'failed'
        ? `Not saved: ${current.failed?.decision === 'REVOKE' ? 'revoke' : 'approve'} was refused. ${current.message ?? ''}`.trim()
        : null;
  return (
    <Box component="section" aria-labelledby={id} sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 2 }}>
      <Typography variant="subtitle1" component="h3" id={id} sx={{ fontWeight: 600 }}>
        Decision
      </Typography>
      <Box role="status" sx={{ mb: 1 }}>
        <Typography variant="body1" sx={[tone, { fontWeight: 600 }]}>
          {label}
        </Typography>
        {state ? (
          <Typography variant="body2" sx={current.state === 'failed' ? toneText('error') : { color: 'text.secondary' }}>
            {state}
          </Typography>
        ) : null}
      </Box>
      <Facts rows={[['Comment', current.comments?.trim() ? current.comments : <Muted>No comment</Muted>]]} />
      {review.readOnly ? null : (
        <Stack direction="row" useFlexGap sx={{ gap: 1, flexWrap: 'wrap', mt: 2 }}>
          <Button variant={current.decision === 'APPROVE' ? 'contained' : 'outlined'} color="success" startIcon={<CheckIcon />} aria-keyshortcuts="a" onClick={() => review.onDecide(item, 'APPROVE')}>
            Approve
          </Button>
          <Button variant={current.decision === 'REVOKE' ? 'contained' : 'outlined'} color="error" startIcon={<BlockIcon />} aria-keyshortcuts="r" onClick={() => review.onDecide(item, 'REVOKE')}>
            Revoke
          </Button>
          <Button variant="outlined" startIcon={<CommentIcon />} aria-keyshortcuts="c" onClick={() => review.onComment(item, current.decision ?? 'APPROVE', current.comments ?? undefined)}>
            Comment…
          </Button>
          <Button startIcon={<PersonAddAltIcon />} onClick={() => review.onReassign(item)}>
            Reassign…
          </Button>
        </Stack>
      )}
      {review.readOnly ? null : (
        <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1 }}>
          Keys: a approve, r revoke, c comment, j next, k previous, Esc close.
        </Typography>
      )}
    </Box>
  );
}

function ItemDetails({ certificationId, item }: { certificationId: string; item: AccessReviewItem }) {
  const summary = item.accessSummary;
  const record = accessRecord(item);
  const entitlement = summary?.entitlement ?? null;
  const type = summary?.access?.type;
  const typeLabel = (type && TYPE_LABELS[type]) || 'Access';
  const flags = riskFlags(item);

  return (
    <Box>
      <Section title="Access">
        <Facts
          rows={[
            ['Identity', item.identitySummary?.name],
            ['Type', typeLabel],
            ['Description', record?.description?.trim() ? record.description : <Muted>No description provided</Muted>],
            ['Owner', ownerText(record?.owner)],
            ['Source', sourceText(item)],
            [
              'Risk',
              flags.length ? (
                <Stack direction="row" useFlexGap spacing={0.5} sx={{ flexWrap: 'wrap' }}>
                  {flags.map((flag) => (
                    <Chip key={flag} size="small" label={RISK_LABELS[flag]} color={HIGH_RISK.includes(flag) ? 'warning' : 'default'} />
                  ))}
                </Stack>
              ) : (
                'None'
              ),
            ],
            ['New access', item.newAccess ? 'Yes, granted since the last campaign' : 'No'],
            ['Revocable', entitlement?.revocable === false || summary?.role?.revocable === false ? 'No' : undefined],
          ]}
        />
      </Section>

      {entitlement?.account ? (
        <Section title="Account">
          <AccountFacts account={entitlement.account} usage={usageDays(item)} />
        </Section>
      ) : null}

      {entitlement ? (
        <Section title="Entitlement">
          <Facts
            rows={[
              ['Attribute', entitlement.attributeName],
              ['Value', entitlement.attributeValue],
              ['Object type', entitlement.sourceSchemaObjectType],
            ]}
          />
        </Section>
      ) : null}

      {entitlement && (entitlement.containsDataAccess || entitlement.dataAccess) ? (
        <Section title="Data access">
          <Facts
            rows={[
              ['Impact score', entitlement.dataAccess?.impactScore?.value],
              [
                'Categories',
                entitlement.dataAccess?.categories?.length
                  ? entitlement.dataAccess.categories
                      .map((c) => (c.matchCount !== undefined ? `${c.value ?? 'Unnamed'} (${c.matchCount.toLocaleString()} ${c.matchCount === 1 ? 'match' : 'matches'})` : (c.value ?? 'Unnamed')))
                      .join(', ')
                  : 'None',
              ],
              ['Policies', entitlement.dataAccess?.policies?.length ? entitlement.dataAccess.policies.map((p) => p.value ?? 'Unnamed').join(', ') : undefined],
            ]}
          />
        </Section>
      ) : null}

      {summary?.accessProfile ? <EntitlementList entitlements={summary.accessProfile.entitlements} /> : null}
      {summary?.role ? (
        <>
          <AccessProfileList profiles={summary.role.accessProfiles} />
          <EntitlementList entitlements={summary.role.entitlements} />
        </>
      ) : null}

      {entitlement?.hasPermissions && item.id ? (
        <Section title="Permissions">
          <PermissionsSection certificationId={certificationId} itemId={item.id} />
        </Section>
      ) : null}
    </Box>
  );
}

/** An entitlement's source and its type; an access profile's sources, from its entitlements. */
function sourceText(item: AccessReviewItem): string | undefined {
  const { entitlement, accessProfile } = item.accessSummary ?? {};
  if (entitlement) return [entitlement.sourceName, entitlement.sourceType && `(${entitlement.sourceType})`].filter(Boolean).join(' ');
  const sources = new Set((accessProfile?.entitlements ?? []).map((e) => e.sourceName).filter(Boolean));
  return [...sources].join(', ') || undefined;
}

function ownerText(owner: IdentityReferenceWithNameAndEmail | null | undefined): string | undefined {
  if (!owner?.name) return undefined;
  return owner.email ? `${owner.name} (${owner.email})` : owner.name;
}

function AccountFacts({ account, usage }: { account: ReviewableEntitlementAccount; usage: number | null }) {
  const status = [account.disabled ? 'Disabled' : null, account.locked ? 'Locked' : null].filter(Boolean).join(', ') || 'Active';
  return (
    <Facts
      rows={[
        // The account name, when it says more than the native identity.
        ['Account', account.name && account.name !== account.nativeIdentity ? account.name : undefined],
        ['Native identity', account.nativeIdentity],
        ['Status', status],
        ['Activity', usage !== null ? `Used on ${usage} of the last 90 days` : 'Usage unknown'],
      ]}
    />
  );
}

function EntitlementList({ entitlements = [] }: { entitlements: ReviewableEntitlement[] | undefined }) {
  return (
    <Section title={`Entitlements (${entitlements.length.toLocaleString()})`}>
      <ContentList
        label="Entitlements"
        rows={entitlements.map((e) => ({
          key: e.id,
          primary: e.name || 'Unnamed entitlement',
          secondary: [e.sourceName, e.attributeName, e.privileged ? 'privileged' : null].filter(Boolean).join(' · '),
        }))}
      />
    </Section>
  );
}

function AccessProfileList({ profiles = [] }: { profiles: ReviewableAccessProfile[] | undefined }) {
  return (
    <Section title={`Access profiles (${profiles.length.toLocaleString()})`}>
      <ContentList
        label="Access profiles"
        rows={profiles.map((p) => ({
          key: p.id,
          primary: p.name || 'Unnamed access profile',
          secondary: [
            p.entitlements ? `${p.entitlements.length} ${p.entitlements.length === 1 ? 'entitlement' : 'entitlements'}: ${p.entitlements.map((e) => e.name).join(', ')}` : null,
            p.privileged ? 'privileged' : null,
          ]
            .filter(Boolean)
            .join(' · '),
        }))}
      />
    </Section>
  );
}

function ContentList({ label, rows }: { label: string; rows: { key: string | undefined; primary: string; secondary: string }[] }) {
  if (rows.length === 0) return <Muted>None</Muted>;
  return (
    <List dense aria-label={label} disablePadding>
      {rows.map((row, i) => (
        <ListItem key={row.key ?? i} disableGutters divider>
          <ListItemText primary={row.primary} secondary={row.secondary || undefined} />
        </ListItem>
      ))}
    </List>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <Box component="section" aria-labelledby={id} sx={{ mt: 3 }}>
      <Typography variant="subtitle1" component="h3" id={id} sx={{ fontWeight: 600 }}>
        {title}
      </Typography>
      <Divider sx={{ mb: 1.5 }} />
      {children}
    </Box>
  );
}

/** Label/value rows as a description list; rows without a value are left out. */
function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'minmax(120px, max-content) 1fr', columnGap: 2, rowGap: 1, m: 0 }}>
      {rows
        .filter(([, value]) => value !== undefined && value !== null && value !== '')
        .map(([term, value]) => (
          <Fragment key={term}>
            <Typography component="dt" variant="body2" color="text.secondary">
              {term}
            </Typography>
            <Typography component="dd" variant="body2" sx={{ m: 0, minWidth: 0 }}>
              {value}
            </Typography>
          </Fragment>
        ))}
    </Box>
  );
}

function Muted({ children }: { children: ReactNode }) {
  return (
    <Typography component="span" variant="body2" color="text.secondary" sx={{ fontStyle: 'italic' }}>
      {children}
    </Typography>
  );
}
