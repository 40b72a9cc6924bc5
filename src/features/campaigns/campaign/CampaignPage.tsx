import { useEffect, useRef } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Typography from '@mui/material/Typography';
import { Link as RouterLink, useParams, useSearchParams } from 'react-router';
import { isApiError } from '../../../api/errors';
import type { Campaign } from '../../../api/schemas';
import { DueDate } from '../../../components/DueDate';
import { ErrorState } from '../../../components/ErrorState';
import { formatDateTime } from '../../../components/format';
import { Crumbs } from '../../../components/Crumbs';
import { PageContainer } from '../../../components/PageContainer';
import { campaignTypeLabel } from '../labels';
import { CampaignActions } from './CampaignActions';
import { CertificationsGrid } from './CertificationsGrid';
import { CampaignStatusChip, Fact, Progress } from './parts';
import { ProgressCharts } from './ProgressCharts';
import { campaignPageQueries } from './queries';
import { ReportsPanel } from './ReportsPanel';
import { SteerPanel } from './SteerPanel';

const TABS = [
  { key: 'overview', label: 'Overview' },
  { key: 'steer', label: 'Steer' },
  { key: 'reports', label: 'Reports' },
] as const;
type TabKey = (typeof TABS)[number]['key'];

const COMMENT_RULES: Record<string, string> = {
  ALL_DECISIONS: 'Every decision',
  REVOKE_ONLY_DECISIONS: 'Revocations only',
  NO_DECISIONS: 'Not required',
};

const ALERT_SEVERITY = { ERROR: 'error', WARN: 'warning', INFO: 'info' } as const;

/** One campaign for admins: overview, certifications, charts, actions, steering and reports. */
export function CampaignPage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const tab: TabKey = TABS.some((t) => t.key === params.get('tab')) ? (params.get('tab') as TabKey) : 'overview';
  const query = useQuery(campaignPageQueries.campaign(id));
  // Started beside the campaign, not after it: the charts, steering and dialogs all read this.
  useQuery(campaignPageQueries.allCertifications(id));
  // Background work (generation, activation, completion) changes the certifications with the status.
  const queryClient = useQueryClient();
  const status = query.data?.status;
  const seenStatus = useRef(status);
  useEffect(() => {
    if (seenStatus.current !== undefined && seenStatus.current !== status) {
      void queryClient.invalidateQueries({ queryKey: [...campaignPageQueries.detail(id), 'certifications'] });
    }
    seenStatus.current = status;
  }, [queryClient, id, status]);

  if (query.isError && isApiError(query.error) && query.error.status === 404) {
    return (
      <PageContainer title="Campaign not found" breadcrumbs={<Crumbs items={[{ label: 'Campaigns', to: '/campaigns' }]} />}>
        <Alert severity="warning">
          There is no campaign with this id. It may have been deleted. <Link component={RouterLink} to="/campaigns">Go to the campaigns</Link>.
        </Alert>
      </PageContainer>
    );
  }
  if (query.isError && !query.data) {
    return (
      <PageContainer title="Campaign" breadcrumbs={<Crumbs items={[{ label: 'Campaigns', to: '/campaigns' }]} />}>
        <ErrorState title="The campaign could not be loaded" error={query.error} onRetry={() => void query.refetch()} />
      </PageContainer>
    );
  }
  if (!query.data) return <LinearProgress aria-label="Loading the campaign" />;
  const campaign = { ...query.data, id: query.data.id ?? id } as Campaign & { id: string };

  const selectTab = (next: TabKey) =>
    setParams((current) => {
      const p = new URLSearchParams(current);
      if (next === 'overview') p.delete('tab');
      else p.set('tab', next);
      return p;
    }, { replace: true });

  return (
    <PageContainer title={campaign.name} breadcrumbs={<Crumbs items={[{ label: 'Campaigns', to: '/campaigns' }, { label: campaign.name }]} />} actions={<CampaignActions campaign={campaign} />}>
      <Stack direction="row" sx={{ gap: 1, alignItems: 'center', mb: 2, flexWrap: 'wrap' }}>
        <CampaignStatusChip status={campaign.status} />
        <Typography variant="body2" color="text.secondary">{campaignTypeLabel(campaign.type)} campaign</Typography>
        {campaign.status === 'STAGED' ? (
          <Link component={RouterLink} to={`/campaigns/${encodeURIComponent(campaign.id)}/preflight`} variant="body2">Review the preflight checks before activating</Link>
        ) : null}
      </Stack>
      <Box sx={{ borderBottom: 1, borderColor: 'divider', mb: 2 }}>
        <Tabs value={tab} onChange={(_, next: TabKey) => selectTab(next)} aria-label="Campaign sections" variant="scrollable" allowScrollButtonsMobile>
          {TABS.map((t) => <Tab key={t.key} value={t.key} label={t.label} id={`tab-${t.key}`} aria-controls={`panel-${t.key}`} />)}
        </Tabs>
      </Box>
      <Box role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'overview' ? <Overview campaign={campaign} /> : null}
        {tab === 'steer' ? <SteerPanel campaign={campaign} /> : null}
        {tab === 'reports' ? <ReportsPanel campaignId={campaign.id} campaignName={campaign.name} canConfigure /> : null}
      </Box>
    </PageContainer>
  );
}

function Overview({ campaign }: { campaign: Campaign & { id: string } }) {
  const certs = useQuery(campaignPageQueries.allCertifications(campaign.id));
  const done = campaign.status === 'COMPLETED' || campaign.status === 'ARCHIVED' || campaign.status === 'COMPLETING';
  const alerts = campaign.alerts ?? [];
  return (
    <Stack sx={{ gap: 3 }}>
      <Paper variant="outlined" component="section" aria-labelledby="details-title" sx={{ p: 2 }}>
        <Typography id="details-title" variant="h6" component="h2" sx={{ mb: 1 }}>Details</Typography>
        {campaign.description ? <Typography variant="body2" sx={{ mb: 2, whiteSpace: 'pre-wrap' }}>{campaign.description}</Typography> : null}
        <Box component="dl" sx={{ m: 0, display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr 1fr', md: 'repeat(4, 1fr)' } }}>
          <Fact term="Status"><CampaignStatusChip status={campaign.status} /></Fact>
          <Fact term="Type">{campaignTypeLabel(campaign.type)}</Fact>
          <Fact term="Created">{formatDateTime(campaign.created)}</Fact>
          <Fact term="Deadline"><DueDate due={campaign.deadline} done={done} /></Fact>
          <Fact term="Certifications signed">
            {campaign.status === 'PENDING' || campaign.status === 'ERROR'
              ? '—'
              : <Progress made={campaign.completedCertifications ?? 0} total={campaign.totalCertifications ?? 0} label="signed" />}
          </Fact>
          <Fact term="Email notifications">{campaign.emailNotificationEnabled ? 'On' : 'Off'}</Fact>
          <Fact term="Auto-revoke allowed">{campaign.autoRevokeAllowed ? 'Yes' : 'No'}</Fact>
          <Fact term="Recommendations">{campaign.recommendationsEnabled ? 'On' : 'Off'}</Fact>
          <Fact term="Comments required">{COMMENT_RULES[campaign.mandatoryCommentRequirement ?? ''] ?? campaign.mandatoryCommentRequirement ?? '—'}</Fact>
          <Fact term="Sunset comments required">{campaign.sunsetCommentsRequired === false ? 'No' : 'Yes'}</Fact>
          <Fact term="Last changed">{formatDateTime(campaign.modified)}</Fact>
        </Box>
      </Paper>

      <Box component="section" aria-labelledby="alerts-title">
        <Typography id="alerts-title" variant="h6" component="h2" sx={{ mb: 1 }}>Alerts</Typography>
        {alerts.length === 0 ? (
          <Typography variant="body2" color="text.secondary">{campaign.alerts == null || campaign.status === 'PENDING' ? 'Not known until the campaign has generated.' : 'No alerts.'}</Typography>
        ) : (
          <Stack sx={{ gap: 1 }}>
            {alerts.map((alert, i) => (
              <Alert key={i} severity={ALERT_SEVERITY[alert.level ?? 'INFO'] ?? 'info'}>
                <AlertTitle>{alert.level ?? 'INFO'}</AlertTitle>
                {alert.localizations?.find((l) => l.locale?.startsWith('en'))?.text ?? alert.localizations?.[0]?.text ?? 'No text.'}
              </Alert>
            ))}
          </Stack>
        )}
      </Box>

      {campaign.status === 'PENDING' ? (
        <Alert severity="info">ISC is generating this campaign; its certifications appear once the preview is ready. This page refreshes on its own.</Alert>
      ) : (
        <>
          <Box component="section" aria-labelledby="progress-title">
            <Typography id="progress-title" variant="h6" component="h2" sx={{ mb: 1 }}>Progress</Typography>
            {certs.isError ? (
              <ErrorState title="The progress could not be loaded" error={certs.error} onRetry={() => void certs.refetch()} />
            ) : certs.data ? (
              <ProgressCharts certifications={certs.data} />
            ) : (
              <LinearProgress aria-label="Loading the progress" />
            )}
          </Box>
          <Box component="section" aria-labelledby="certs-title">
            <Typography id="certs-title" variant="h6" component="h2" sx={{ mb: 1 }}>Certifications</Typography>
            <CertificationsGrid campaignId={campaign.id} />
          </Box>
        </>
      )}
    </Stack>
  );
}
