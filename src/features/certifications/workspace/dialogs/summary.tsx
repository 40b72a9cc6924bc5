import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { AccessReviewItem, CertificationDecision } from '../../../../api/schemas';

export const DECISION_VERB: Record<CertificationDecision, string> = { APPROVE: 'Approve', REVOKE: 'Revoke' };

/** "1 item", "3 items", "1,200 items". */
export function itemCount(n: number): string {
  return `${n.toLocaleString()} ${n === 1 ? 'item' : 'items'}`;
}

/** The scope labels a bulk request names itself by (see scopeSentence). */
export const SCOPE_SELECTED = 'Selected items';
export const SCOPE_ALL = 'All items';

/**
 * What a bulk decision acts on, as one sentence with its count: "All 251 items of this certification.",
 * "The 10 selected items.", "The 12 items matching: undecided, entitlement.", "All 7 items of Dana Whitfield."
 */
export function scopeSentence(scope: string, n: number): string {
  const one = n === 1;
  if (scope === SCOPE_SELECTED) return one ? 'The selected item.' : `The ${n.toLocaleString()} selected items.`;
  if (scope === SCOPE_ALL) return one ? 'The one item of this certification.' : `All ${itemCount(n)} of this certification.`;
  const filtered = /^Items: ([\s\S]*)$/.exec(scope);
  if (filtered) return `${one ? 'The one item' : `The ${itemCount(n)}`} matching: ${filtered[1]}.`;
  const ofPerson = /^All items of ([\s\S]*)$/.exec(scope);
  if (ofPerson) return `${one ? 'The one item' : `All ${itemCount(n)}`} of ${ofPerson[1]}.`;
  return `${scope}: ${itemCount(n)}.`;
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
          // Each line isolated: a right-to-left override in a name stays on its own line.
          <Typography component="li" variant="body2" key={item.id ?? i} sx={{ unicodeBidi: 'isolate' }}>
            {describe(item)}
          </Typography>
        ))}
      </Box>
      {more > 0 ? <Typography variant="body2">{`and ${more.toLocaleString()} more.`}</Typography> : null}
    </>
  );
}
