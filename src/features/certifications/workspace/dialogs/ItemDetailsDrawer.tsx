import { Fragment, useId, useState, type ReactNode } from 'react';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Divider from '@mui/material/Divider';
import Drawer from '@mui/material/Drawer';
import IconButton from '@mui/material/IconButton';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import CloseIcon from '@mui/icons-material/Close';
import type {
  AccessReviewItem,
  IdentityReferenceWithNameAndEmail,
  ReviewableAccessProfile,
  ReviewableEntitlement,
  ReviewableEntitlementAccount,
} from '../../../../api/schemas';
import { HIGH_RISK, RISK_LABELS, accessRecord, riskFlags, usageDays } from '../risk';
import { PermissionsSection } from './PermissionsSection';

export interface ItemDetailsDrawerProps {
  certificationId: string;
  /** The item shown; null closes the drawer. */
  item: AccessReviewItem | null;
  onClose(): void;
  /** The page's decision controls for this item. */
  decisionSlot?: ReactNode;
}

const TYPE_LABELS: Record<string, string> = { ENTITLEMENT: 'Entitlement', ACCESS_PROFILE: 'Access profile', ROLE: 'Role' };

/** Everything ISC says about one review item, on the right; its permissions are read on demand. */
export function ItemDetailsDrawer({ certificationId, item, onClose, decisionSlot }: ItemDetailsDrawerProps) {
  // The last item stays on screen while the drawer slides out.
  const [shown, setShown] = useState(item);
  if (item && item !== shown) setShown(item);
  const titleId = useId();
  return (
    <Drawer
      anchor="right"
      open={item !== null}
      onClose={onClose}
      slotProps={{ paper: { 'aria-labelledby': titleId, sx: { width: { xs: '100%', sm: 560 } } } }}
    >
      {shown ? <ItemDetails key={shown.id} certificationId={certificationId} item={shown} titleId={titleId} onClose={onClose} decisionSlot={decisionSlot} /> : null}
    </Drawer>
  );
}

function ItemDetails({ certificationId, item, titleId, onClose, decisionSlot }: { certificationId: string; item: AccessReviewItem; titleId: string; onClose(): void; decisionSlot?: ReactNode }) {
  const summary = item.accessSummary;
  const record = accessRecord(item);
  const entitlement = summary?.entitlement ?? null;
  const type = summary?.access?.type;
  const typeLabel = (type && TYPE_LABELS[type]) || 'Access';
  const flags = riskFlags(item);

  return (
    <Box sx={{ p: 3, overflowWrap: 'anywhere' }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start', mb: 1 }}>
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <Typography variant="h6" component="h2" id={titleId}>
            {summary?.access?.name || record?.name || 'Unnamed access'}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {`${typeLabel} for ${item.identitySummary?.name || 'an unnamed identity'}`}
          </Typography>
        </Box>
        <IconButton aria-label="Close details" onClick={onClose} edge="end">
          <CloseIcon />
        </IconButton>
      </Stack>

      {decisionSlot ? <Box sx={{ my: 2 }}>{decisionSlot}</Box> : null}

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
