import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ErrorIcon from '@mui/icons-material/Error';
import WarningIcon from '@mui/icons-material/Warning';
import { Link as RouterLink, useParams } from 'react-router';
import { getCampaign } from '../../../api/campaigns';
import { listIdentityCertifications } from '../../../api/certifications';
import { fetchAllPages } from '../../../api/collections';
import { isApiError } from '../../../api/errors';
import { f } from '../../../api/filters';
import { browserUtcOffsetMinutes, deadlineAllowsActivation, formatUtcOffset } from '../../../api/rules';
import type { Campaign, IdentityCertificationDto } from '../../../api/schemas';
import { campaignTypeLabel } from '../../../components/campaignLabels';
import { ErrorState } from '../../../components/ErrorState';
import { formatDateTime } from '../../../components/format';
import { useNotify } from '../../../components/notifications';
import { Crumbs } from '../../../components/Crumbs';
import { PageContainer } from '../../../components/PageContainer';
import { CampaignStatusChip } from '../list/status';
import { campaignQueries } from '../queries';
import { preflightChecks, type CheckResult, type PreflightCheck } from './checks';
import { useActivateCampaign } from '../mutations';

/** Statuses that move on by themselves: the page keeps asking until they settle. */
const MOVING = new Set(['PENDING', 'ACTIVATING', 'CANCELING']);
const POLL_MS = 1500;

const preflightQueries = {
  campaign: (id: string) => ({
    queryKey: [...campaignQueries.all(), 'preflight', id, 'campaign'] as const,
    queryFn: ({ signal }: { signal: AbortSignal }) => getCampaign(id, { detail: 'FULL' }, { signal }) as Promise<Campaign>,
  }),
  certifications: (id: string) => ({
    queryKey: [...campaignQueries.all(), 'preflight', id, 'certifications'] as const,
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      fetchAllPages<IdentityCertificationDto>((paging) => listIdentityCertifications({ filters: f.eq('campaign.id', id), ...paging }, { signal })),
  }),
};

function useNow(intervalMs: number, running: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs, running]);
  return now;
}

function elapsed(from: string | null | undefined, now: number): string {
  const start = from ? Date.parse(from) : NaN;
  if (Number.isNaN(start)) return '';
  const seconds = Math.max(0, Math.floor((now - start) / 1000));
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

// The icon carries the colour; the words stay in the text colour, which keeps AA contrast in both themes.
const RESULT_LOOK: Record<CheckResult, { label: string; icon: React.ReactElement }> = {
  pass: { label: 'Pass', icon: <CheckCircleIcon color="success" aria-hidden /> },
  warn: { label: 'Warning', icon: <WarningIcon color="warning" aria-hidden /> },
  fail: { label: 'Fail', icon: <ErrorIcon color="error" aria-hidden /> },
};

function CheckRow({ check }: { check: PreflightCheck }) {
  const look = RESULT_LOOK[check.result];
  return (
    <ListItem divider alignItems="flex-start" sx={{ gap: 2 }}>
      <Box sx={{ pt: 0.25 }}>{look.icon}</Box>
      <Box sx={{ flex: 1 }}>
        <Typography component="h3" variant="subtitle1">
          {check.title} <Typography component="span" variant="body2" sx={{ fontWeight: 700 }}>— {look.label}</Typography>
        </Typography>
        <Typography variant="body2">{check.summary}</Typography>
        {check.details?.length ? (
          <Box component="ul" sx={{ my: 0.5, pl: 3 }}>
            {check.details.map((d) => <Typography component="li" variant="body2" key={d}>{d}</Typography>)}
          </Box>
        ) : null}
      </Box>
    </ListItem>
  );
}

/**
 * After create: follows the campaign while ISC generates it, then shows the preflight checks and
 * activates it (STAGED only, deadline tomorrow or later, the browser's UTC offset sent).
 */
export function PreflightPage() {
  const id = useParams().id!;
  const notify = useNotify();
  const campaign = useQuery({
    ...preflightQueries.campaign(id),
    refetchInterval: (query) => (MOVING.has(query.state.data?.status ?? '') ? POLL_MS : false),
    // Statuses change behind our back: a cached answer is not enough here.
    staleTime: 0,
  });
  const status = campaign.data?.status ?? null;
  const generated = status !== null && status !== 'PENDING' && status !== 'CANCELING';
  const certifications = useQuery({ ...preflightQueries.certifications(id), enabled: generated, staleTime: 0 });
  const now = useNow(1000, status === 'PENDING' || status === 'STAGED');
  const activate = useActivateCampaign(id);

  if (campaign.isError && !campaign.data) {
    const missing = isApiError(campaign.error) && campaign.error.status === 404;
    return (
      <PageContainer title="Campaign preflight" breadcrumbs={<Crumbs items={[{ label: 'Campaigns', to: '/campaigns' }, { label: 'Preflight' }]} />}>
        <ErrorState
          title={missing ? 'This campaign does not exist (any more)' : 'The campaign could not be loaded'}
          error={campaign.error}
          onRetry={missing ? undefined : () => void campaign.refetch()}
        />
      </PageContainer>
    );
  }
  if (!campaign.data) {
    return (
      <PageContainer title="Campaign preflight" breadcrumbs={<Crumbs items={[{ label: 'Campaigns', to: '/campaigns' }, { label: 'Preflight' }]} />}>
        <LinearProgress aria-label="Loading the campaign" />
      </PageContainer>
    );
  }

  const c = campaign.data;
  const offset = browserUtcOffsetMinutes();
  const checks = certifications.data ? preflightChecks(c, certifications.data, { now, offsetMinutes: offset }) : null;
  const deadlineOk = deadlineAllowsActivation(c.deadline, now, offset);
  const canActivate = status === 'STAGED' && deadlineOk && !activate.isPending;
  const failures = checks?.filter((x) => x.result === 'fail').length ?? 0;

  async function onActivate() {
    try {
      await activate.mutateAsync(formatUtcOffset(browserUtcOffsetMinutes()));
      notify(`“${c.name}” is being activated: reviewers get their certifications in a moment.`, 'success');
    } catch {
      // Explained below the button.
    }
  }

  return (
    <PageContainer
      title={c.name}
      breadcrumbs={<Crumbs items={[{ label: 'Campaigns', to: '/campaigns' }, { label: c.name, to: `/campaigns/${encodeURIComponent(id)}` }, { label: 'Preflight' }]} />}
      actions={<Button component={RouterLink} to={`/campaigns/${encodeURIComponent(id)}`}>Open campaign</Button>}
    >
      <Stack direction="row" sx={{ gap: 2, alignItems: 'center', flexWrap: 'wrap', mb: 2 }}>
        <CampaignStatusChip status={status} />
        <Typography variant="body2">{campaignTypeLabel(c.type)} campaign · created {formatDateTime(c.created)} · deadline {formatDateTime(c.deadline)}</Typography>
      </Stack>

      {status === 'PENDING' ? (
        <Paper variant="outlined" sx={{ p: 3 }} role="status" aria-live="polite">
          <Typography variant="h6" component="h2">Generating the certifications…</Typography>
          <Typography variant="body2" sx={{ mb: 2 }}>
            ISC is creating a certification per reviewer; this can take from seconds to many minutes on a large tenant. Elapsed: {elapsed(c.created, now)}.
            You can leave this page and come back.
          </Typography>
          <LinearProgress aria-label="Generating the campaign" />
        </Paper>
      ) : null}

      {status === 'ERROR' ? (
        <Alert severity="error" sx={{ mb: 2 }}>
          <AlertTitle>The campaign did not generate</AlertTitle>
          ISC could not generate it; the alerts below say why. It cannot be activated: delete it from the campaign list, correct the cause and create it again.
        </Alert>
      ) : null}

      {status === 'ACTIVATING' || status === 'ACTIVE' ? (
        <Alert severity="success" sx={{ mb: 2 }} role="status">
          <AlertTitle>{status === 'ACTIVATING' ? 'Activating…' : 'Active'}</AlertTitle>
          {status === 'ACTIVATING' ? 'ISC is sending the certifications to their reviewers.' : 'Reviewers have their certifications.'}{' '}
          <Link component={RouterLink} to={`/campaigns/${encodeURIComponent(id)}`}>Follow it on the campaign page</Link>.
        </Alert>
      ) : null}

      {generated && !checks ? (
        certifications.isError ? (
          <ErrorState title="The certifications could not be loaded" error={certifications.error} onRetry={() => void certifications.refetch()} />
        ) : (
          <LinearProgress aria-label="Loading the certifications" sx={{ my: 2 }} />
        )
      ) : null}

      {checks ? (
        <Paper variant="outlined" sx={{ mb: 3 }} component="section" aria-labelledby="checks-title">
          <Box sx={{ px: 2, pt: 2 }}>
            <Typography variant="h6" component="h2" id="checks-title">Preflight checks</Typography>
            <Typography variant="body2" color="text.secondary">
              {checks.filter((x) => x.result === 'pass').length} pass, {checks.filter((x) => x.result === 'warn').length} warnings, {failures} fail.
            </Typography>
          </Box>
          <List aria-label="Preflight checks">
            {checks.map((check) => <CheckRow key={check.key} check={check} />)}
          </List>
        </Paper>
      ) : null}

      {status === 'STAGED' ? (
        <Box>
          <Button variant="contained" size="large" onClick={() => void onActivate()} disabled={!canActivate}>
            {activate.isPending ? 'Activating…' : 'Activate campaign'}
          </Button>
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
            {deadlineOk
              ? `Sends the certifications to their reviewers. Your time zone (UTC ${formatUtcOffset(offset)}) is sent, so “today” is yours.`
              : 'Activation needs a deadline of tomorrow or later; change the deadline on the campaign page first.'}
            {failures && deadlineOk ? ' Some checks fail: read them before you activate.' : ''}
          </Typography>
          {activate.isError ? (
            <Alert severity="error" sx={{ mt: 2 }}>
              <AlertTitle>ISC did not activate the campaign</AlertTitle>
              {activate.error.message}{' '}
              {isApiError(activate.error) && activate.error.status === 400
                ? 'ISC answers every refused activation with the same generic 400. The usual causes: the deadline is today or earlier in the time zone sent; the campaign is no longer STAGED (another admin activated or deleted it); or its generation is still settling. Reload this page to see its status, and change the deadline if needed.'
                : isApiError(activate.error) ? activate.error.advice : 'Try again.'}
            </Alert>
          ) : null}
        </Box>
      ) : null}
    </PageContainer>
  );
}
