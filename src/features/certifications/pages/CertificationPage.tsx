import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Chip from '@mui/material/Chip';
import Grid from '@mui/material/Grid';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { useParams } from 'react-router';
import { DueDate } from '../../../components/DueDate';
import { ErrorState } from '../../../components/ErrorState';
import { PageContainer } from '../../../components/PageContainer';
import { formatDateTime } from '../../../components/format';
import { CertificationProgress } from '../components/CertificationProgress';
import { PhaseChip } from '../components/PhaseChip';
import { certificationQueries } from '../queries';
import { campaignTypeLabel } from '../../campaigns/labels';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Grid size={{ xs: 12, sm: 6, md: 4 }}>
      <Typography variant="overline" color="text.secondary" component="dt">{label}</Typography>
      <Typography variant="body1" component="dd" sx={{ m: 0 }}>{children}</Typography>
    </Grid>
  );
}

/** A certification's header facts and its reviewers. */
export function CertificationPage() {
  const { id = '' } = useParams();
  const certification = useQuery(certificationQueries.detail(id));
  const reviewers = useQuery({ ...certificationQueries.reviewers(id), enabled: certification.isSuccess });
  const cert = certification.data;
  const crumbs = [{ label: 'My certifications', to: cert?.phase === 'SIGNED' ? '/certifications/completed' : '/certifications' }, { label: cert?.name ?? 'Certification' }];

  if (certification.isError) {
    return (
      <PageContainer title="Certification" breadcrumbs={crumbs}>
        <ErrorState title="This certification could not be loaded" error={certification.error} onRetry={() => void certification.refetch()} />
      </PageContainer>
    );
  }
  if (!cert) {
    return (
      <PageContainer title={<Skeleton width={320} />} breadcrumbs={crumbs}>
        <Skeleton variant="rounded" height={160} aria-label="Loading certification" />
      </PageContainer>
    );
  }

  return (
    <PageContainer title={cert.name} breadcrumbs={crumbs} actions={<PhaseChip phase={cert.phase} />}>
      {cert.phase === 'SIGNED' ? (
        <Alert severity="success" sx={{ mb: 2 }}>Signed off on {formatDateTime(cert.signed)}. This certification is read-only.</Alert>
      ) : null}
      {cert.reassignment ? (
        <Alert severity="info" sx={{ mb: 2 }}>
          Reassigned to you from {cert.reassignment.from?.reviewer?.name ?? 'another reviewer'} ({cert.reassignment.from?.name}).
          {cert.reassignment.comment ? ` Reason: ${cert.reassignment.comment}` : ''}
        </Alert>
      ) : null}
      <Paper variant="outlined" sx={{ p: 3, mb: 3 }}>
        <Grid container spacing={3} component="dl" sx={{ m: 0 }}>
          <Fact label="Campaign">
            {cert.campaign?.name}{' '}
            {cert.campaign ? <Chip size="small" label={campaignTypeLabel(cert.campaign.campaignType)} sx={{ ml: 1 }} /> : null}
          </Fact>
          <Fact label="Reviewer">{cert.reviewer?.name ?? '—'}</Fact>
          <Fact label="Due"><DueDate due={cert.due} done={cert.phase === 'SIGNED'} /></Fact>
          <Fact label="Decisions"><CertificationProgress made={cert.decisionsMade} total={cert.decisionsTotal} /></Fact>
          <Fact label="Identities"><CertificationProgress made={cert.identitiesCompleted} total={cert.identitiesTotal} label="identities complete" /></Fact>
          <Fact label="Comments required">
            {cert.campaign?.mandatoryCommentRequirement === 'ALL_DECISIONS'
              ? 'On every decision'
              : cert.campaign?.mandatoryCommentRequirement === 'REVOKE_ONLY_DECISIONS'
                ? 'On revocations'
                : 'No'}
          </Fact>
        </Grid>
      </Paper>
      <Typography variant="h6" component="h2" gutterBottom>Reviewers</Typography>
      <Paper variant="outlined">
        {reviewers.isError ? (
          <ErrorState title="Reviewers could not be loaded" error={reviewers.error} onRetry={() => void reviewers.refetch()} />
        ) : (
          <List dense aria-label="Reviewers">
            {(reviewers.data?.items ?? []).map((r) => (
              <ListItem key={r.id}>
                <ListItemText primary={r.name} secondary={r.email ?? undefined} />
              </ListItem>
            ))}
            {reviewers.isPending ? <ListItem><Skeleton width="40%" /></ListItem> : null}
          </List>
        )}
      </Paper>
      <Stack sx={{ mt: 3 }}>
        <Typography variant="body2" color="text.secondary">
          Created {formatDateTime(cert.created)} · last changed {formatDateTime(cert.modified)}
        </Typography>
      </Stack>
    </PageContainer>
  );
}
