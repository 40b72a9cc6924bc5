import { useMemo, useState } from 'react';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TablePagination from '@mui/material/TablePagination';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { AccessReviewItem, IdentityCertificationDto } from '../../../../api/schemas';
import { ErrorState } from '../../../../components/ErrorState';
import { PAGE_SIZES } from '../../../../components/useGridUrlState';
import { CertificationProgress } from '../../components/CertificationProgress';
import type { QueueEntry } from '../decisions/queue';
import { effectiveDecision, useDecisions } from '../decisions/useDecisions';
import { useItemIndex } from '../items';
import { IndexProgress } from './IndexProgress';
import type { RequestDecision } from './requests';
import { useItemViewState } from './useItemViewState';
import { isHighRisk } from '../bulkPlan';
import { personFacts, usePeople, type PersonFacts } from './people';
import { WarningChip } from '../../../../components/WarningChip';

/** "Sales Engineer · Sales · Manager: Dana Whitfield", and how many of the person's items are high-risk. */
export function PersonLine({ facts, highRisk }: { facts: PersonFacts; highRisk: number }) {
  const parts = [facts.title, facts.department, facts.manager ? `Manager: ${facts.manager}` : undefined].filter(Boolean);
  return (
    <Stack direction="row" useFlexGap sx={{ gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
      {parts.length ? (
        <Typography variant="caption" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
          <bdi>{parts.join(' · ')}</bdi>
        </Typography>
      ) : null}
      {highRisk > 0 ? <WarningChip label={`${highRisk.toLocaleString()} high-risk`} /> : null}
    </Stack>
  );
}

export interface IdentitySummaryRow {
  /** identitySummary.id: what ItemQuery.identitySummaryId filters by. */
  id: string;
  name: string;
  items: AccessReviewItem[];
  total: number;
  /** Items with a decision, counting decisions not yet confirmed. */
  decided: number;
  /** The person's identity id (identitySummary.identityId), for the public look-up. */
  identityId?: string;
  /** Items that are high-risk to approve (risk.ts): privileged, new, unused, undocumented, data access. */
  highRisk: number;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** The certification's identities from its item index, by name, with progress as the rows show it. */
export function groupByIdentity(items: readonly AccessReviewItem[], pending: Map<string, QueueEntry>): IdentitySummaryRow[] {
  const groups = new Map<string, IdentitySummaryRow>();
  for (const item of items) {
    const id = item.identitySummary?.id;
    if (!id) continue;
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { id, name: item.identitySummary?.name || id, items: [], total: 0, decided: 0, identityId: item.identitySummary?.identityId ?? undefined, highRisk: 0 }));
    group.items.push(item);
    group.total++;
    if (isHighRisk(item)) group.highRisk++;
    if (effectiveDecision(item, pending).decision) group.decided++;
  }
  return [...groups.values()].sort((a, b) => collator.compare(a.name, b.name));
}

export interface IdentityListProps {
  certification: IdentityCertificationDto;
  readOnly: boolean;
  /** "Approve all for <name>": scope 'filter', with every item of the identity (filter.complete). */
  onRequestDecision: RequestDecision;
  /** "Reassign <name>": hand the whole identity to another reviewer. */
  onReassignIdentity?(identity: { identitySummaryId: string; name: string; itemCount: number }): void;
}

/**
 * The "By identity" view: each identity of the certification with its progress; choosing one puts it in
 * the URL (`identity`), where the item grid shows that identity's items.
 */
export function IdentityList({ certification, readOnly, onRequestDecision, onReassignIdentity }: IdentityListProps) {
  const certificationId = certification.id ?? '';
  const view = useItemViewState();
  const index = useItemIndex(certificationId, certificationId !== '');
  const { pending } = useDecisions(certificationId);
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(25);

  const identities = useMemo(() => (index.data ? groupByIdentity(index.data, pending) : undefined), [index.data, pending]);
  const shown = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return needle ? identities?.filter((i) => i.name.toLowerCase().includes(needle)) : identities;
  }, [identities, search]);
  const lastPage = shown ? Math.max(0, Math.ceil(shown.length / pageSize) - 1) : 0;
  const current = Math.min(page, lastPage);
  const pageRows = useMemo(() => shown?.slice(current * pageSize, (current + 1) * pageSize) ?? [], [shown, current, pageSize]);
  // The people on this page, looked up together: title, department, manager where the tenant publishes them.
  const people = usePeople(useMemo(() => pageRows.flatMap((r) => (r.identityId ? [r.identityId] : [])), [pageRows]));

  if (index.isError) {
    return <ErrorState title="The identities could not be loaded" error={index.error} onRetry={() => void index.refetch()} />;
  }
  if (!identities || !shown) {
    return <IndexProgress loaded={index.progress?.loaded ?? 0} total={index.progress?.total ?? certification.decisionsTotal} />;
  }

  const complete = identities.filter((i) => i.decided === i.total).length;
  const approveLowRisk = (identity: IdentitySummaryRow) => {
    const lowRisk = identity.items.filter((item) => !isHighRisk(item));
    onRequestDecision(lowRisk, 'APPROVE', {
      bulk: true,
      scope: 'filter',
      filter: { count: lowRisk.length, complete: true, description: `Low-risk items of ${identity.name}` },
    });
  };
  const request = (identity: IdentitySummaryRow, decision: 'APPROVE' | 'REVOKE') =>
    onRequestDecision(identity.items, decision, {
      bulk: true,
      scope: 'filter',
      filter: { query: { identitySummaryId: identity.id }, count: identity.total, complete: true, description: `All items of ${identity.name}` },
    });

  return (
    <Stack sx={{ gap: 1.5 }}>
      <Stack direction="row" sx={{ alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
        <TextField
          label="Search identities"
          type="search"
          size="small"
          value={search}
          onChange={(event) => {
            setSearch(event.target.value);
            setPage(0);
          }}
          sx={{ width: 260 }}
        />
        <Typography variant="body2" role="status">
          {shown.length === identities.length
            ? `${identities.length.toLocaleString()} identities, ${complete.toLocaleString()} complete`
            : `Showing ${shown.length.toLocaleString()} of ${identities.length.toLocaleString()} identities`}
        </Typography>
      </Stack>
      <Paper variant="outlined">
        <TableContainer>
          <Table size="small" aria-label="Identities">
            <TableHead>
              <TableRow>
                <TableCell scope="col">Identity</TableCell>
                <TableCell scope="col">Person</TableCell>
                <TableCell scope="col" sx={{ width: 260 }}>Decisions</TableCell>
                {readOnly ? null : <TableCell scope="col" sx={{ width: 260 }}>Actions</TableCell>}
              </TableRow>
            </TableHead>
            <TableBody>
              {pageRows.map((identity) => (
                <TableRow key={identity.id} hover>
                  <TableCell component="th" scope="row">
                    <Link component="button" type="button" variant="body2" onClick={() => view.setIdentity(identity.id)} sx={{ textAlign: 'left', fontWeight: 500 }}>
                      {identity.name}
                    </Link>
                  </TableCell>
                  <TableCell>
                    <PersonLine facts={personFacts(identity.identityId ? people.data?.get(identity.identityId) : undefined)} highRisk={identity.highRisk} />
                  </TableCell>
                  <TableCell>
                    <CertificationProgress made={identity.decided} total={identity.total} />
                  </TableCell>
                  {readOnly ? null : (
                    <TableCell>
                      <Stack direction="row" sx={{ gap: 1, whiteSpace: 'nowrap' }}>
                        <Button size="small" variant="outlined" aria-label={`Approve all for ${identity.name}`} onClick={() => request(identity, 'APPROVE')}>
                          Approve all
                        </Button>
                        <Button
                          size="small"
                          variant="outlined"
                          aria-label={`Approve low-risk items of ${identity.name}`}
                          disabled={identity.total - identity.highRisk === 0}
                          onClick={() => approveLowRisk(identity)}
                        >
                          {`Approve low-risk (${(identity.total - identity.highRisk).toLocaleString()})`}
                        </Button>
                        <Button size="small" variant="outlined" color="error" aria-label={`Revoke all for ${identity.name}`} onClick={() => request(identity, 'REVOKE')}>
                          Revoke all
                        </Button>
                        {onReassignIdentity ? (
                          <Button
                            size="small"
                            aria-label={`Reassign ${identity.name}`}
                            onClick={() => onReassignIdentity({ identitySummaryId: identity.id, name: identity.name, itemCount: identity.total })}
                          >
                            Reassign…
                          </Button>
                        ) : null}
                      </Stack>
                    </TableCell>
                  )}
                </TableRow>
              ))}
              {shown.length === 0 ? (
                <TableRow>
                  <TableCell colSpan={readOnly ? 3 : 4}>
                    <Typography variant="body2" sx={{ color: 'text.secondary' }}>No identity matches “{search.trim()}”.</Typography>
                  </TableCell>
                </TableRow>
              ) : null}
            </TableBody>
          </Table>
        </TableContainer>
        <TablePagination
          component="div"
          count={shown.length}
          page={current}
          rowsPerPage={pageSize}
          rowsPerPageOptions={PAGE_SIZES}
          onPageChange={(_event, next) => setPage(next)}
          onRowsPerPageChange={(event) => {
            setPageSize(Number(event.target.value));
            setPage(0);
          }}
        />
      </Paper>
    </Stack>
  );
}
