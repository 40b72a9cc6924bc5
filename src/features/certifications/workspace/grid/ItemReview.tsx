import Box from '@mui/material/Box';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import { useQuery } from '@tanstack/react-query';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import { isHighRisk } from '../bulkPlan';
import { fetchItems, itemQueries } from '../items';
import { IdentityList, PersonLine, type IdentityListProps } from './IdentityList';
import { personFacts, usePeople } from './people';
import type { RequestDecision } from './requests';
import { ItemGrid, type ItemGridProps } from './ItemGrid';
import { toggleContrast } from './ItemGridToolbar';
import { useItemViewState, type ItemView } from './useItemViewState';

/**
 * The item grid and the "By identity" view behind one switch, following the URL's `view` and
 * `identity`: all items; the identities; or one identity's items (with "Back to all identities").
 */
export function ItemReview(props: ItemGridProps & Pick<IdentityListProps, 'onReassignIdentity'>) {
  const view = useItemViewState();
  return (
    <Box>
      <ToggleButtonGroup
        exclusive
        size="small"
        color="primary"
        aria-label="View"
        value={view.view}
        onChange={(_event, value: ItemView | null) => value && view.setView(value)}
        sx={{ mb: 2, ...toggleContrast }}
      >
        <ToggleButton value="items">By item</ToggleButton>
        <ToggleButton value="identities">By identity</ToggleButton>
      </ToggleButtonGroup>
      {view.view === 'identities' && !view.identity ? (
        <IdentityList
          certification={props.certification}
          readOnly={props.readOnly}
          onRequestDecision={props.onRequestDecision}
          onReassignIdentity={props.onReassignIdentity}
        />
      ) : (
        <>
          {view.view === 'identities' && view.identity ? <IdentityFacts certificationId={props.certification.id ?? ''} identitySummaryId={view.identity} readOnly={props.readOnly} onRequestDecision={props.onRequestDecision} /> : null}
          <ItemGrid {...props} />
        </>
      )}
    </Box>
  );
}

/**
 * The person whose items the identity view shows: title, department, manager (public look-up), how many of
 * their items are high-risk, and "Approve low-risk items" through the bulk confirmation.
 */
function IdentityFacts({ certificationId, identitySummaryId, readOnly, onRequestDecision }: { certificationId: string; identitySummaryId: string; readOnly: boolean; onRequestDecision: RequestDecision }) {
  const items = useQuery({
    queryKey: [...itemQueries.all(certificationId), 'identity', identitySummaryId] as const,
    queryFn: () => fetchItems(certificationId, { identitySummaryId }),
    enabled: certificationId !== '',
  });
  const identityId = items.data?.find((i) => i.identitySummary?.identityId)?.identitySummary?.identityId ?? undefined;
  const people = usePeople(identityId ? [identityId] : []);
  if (!items.data) return null;
  const lowRisk = items.data.filter((item) => !isHighRisk(item));
  const name = items.data[0]?.identitySummary?.name || 'this identity';
  return (
    <Stack direction="row" useFlexGap sx={{ alignItems: 'center', gap: 2, flexWrap: 'wrap', mb: 1.5 }} role="group" aria-label={`About ${name}`}>
      <PersonLine facts={personFacts(identityId ? people.data?.get(identityId) : undefined)} highRisk={items.data.length - lowRisk.length} />
      {readOnly ? null : (
        <Button
          size="small"
          variant="outlined"
          disabled={lowRisk.length === 0}
          aria-label={`Approve low-risk items of ${name}`}
          onClick={() =>
            onRequestDecision(lowRisk, 'APPROVE', { bulk: true, scope: 'filter', filter: { count: lowRisk.length, complete: true, description: `Low-risk items of ${name}` } })
          }
        >
          {`Approve low-risk (${lowRisk.length.toLocaleString()})`}
        </Button>
      )}
    </Stack>
  );
}
