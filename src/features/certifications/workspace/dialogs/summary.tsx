import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { AccessReviewItem, CertificationDecision } from '../../../../api/schemas';

export const DECISION_VERB: Record<CertificationDecision, string> = { APPROVE: 'Approve', REVOKE: 'Revoke' };

/** "1 item", "3 items", "1,200 items". */
export function itemCount(n: number): string {
  return `${n.toLocaleString()} ${n === 1 ? 'item' : 'items'}`;
}

/** "<access name> for <identity name>": one item in words. */
export function itemLabel(item: AccessReviewItem): string {
  const access = item.accessSummary?.access?.name || 'Unnamed access';
  const identity = item.identitySummary?.name || 'an unnamed identity';
  return `${access} for ${identity}`;
}

/** The first few of some items as a list, "and N more" after; `total` counts the items not given too. */
export function ItemExamples({ label, items, total = items.length, describe = itemLabel }: { label: string; items: AccessReviewItem[]; total?: number; describe?: (item: AccessReviewItem) => string }) {
  const more = total - items.length;
  return (
    <>
      <Box component="ul" aria-label={label} sx={{ my: 1, pl: 2.5, overflowWrap: 'anywhere' }}>
        {items.map((item, i) => (
          <Typography component="li" variant="body2" key={item.id ?? i}>
            {describe(item)}
          </Typography>
        ))}
      </Box>
      {more > 0 ? <Typography variant="body2">{`and ${more.toLocaleString()} more.`}</Typography> : null}
    </>
  );
}
