import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Chip from '@mui/material/Chip';
import Grid from '@mui/material/Grid';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import type { IdentityCertificationDto } from '../../../api/schemas';
import { DueDate } from '../../../components/DueDate';
import { formatDateTime } from '../../../components/format';
import { campaignTypeLabel } from '../../../components/campaignLabels';
import { CertificationProgress } from '../components/CertificationProgress';
import { certificationQueries } from '../queries';
import { commentRequirementText } from './decisions/comments';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Grid size={{ xs: 12, sm: 6, md: 3 }}>
      <Typography variant="overline" color="text.secondary" component="dt">{label}</Typography>
      <Typography variant="body1" component="dd" sx={{ m: 0 }}>{children}</Typography>
    </Grid>
  );
}

/** The certification's facts: campaign, reviewers, due date, progress as the server counts it. */
export function WorkspaceHeader({ certification: cert }: { certification: IdentityCertificationDto }) {
  const reviewers = useQuery(certificationQueries.reviewers(cert.id!));
  const others = (reviewers.data?.items ?? []).filter((r) => r.id !== cert.reviewer?.id);
  return (
    <>
      {cert.phase === 'SIGNED' ? (
        <Alert severity="success" sx={{ mb: 2 }}>
          Signed off on {formatDateTime(cert.signed)}. This certification is complete and read-only.
        </Alert>
      ) : null}
      {cert.reassignment ? (
        <Alert severity="info" sx={{ mb: 2 }}>
          Reassigned from {cert.reassignment.from?.reviewer?.name ?? 'another reviewer'}
          {cert.reassignment.from?.name ? ` (${cert.reassignment.from.name})` : ''}.
          {cert.reassignment.comment ? ` Reason: ${cert.reassignment.comment}` : ''}
        </Alert>
      ) : null}
      <Paper variant="outlined" sx={{ p: 2.5, mb: 2 }}>
        <Grid container spacing={2} component="dl" sx={{ m: 0 }}>
          <Fact label="Campaign">
            {cert.campaign?.name}
            {cert.campaign ? <Chip size="small" label={campaignTypeLabel(cert.campaign.campaignType)} sx={{ ml: 1 }} /> : null}
          </Fact>
          <Fact label="Reviewer">
            {cert.reviewer?.name ?? '—'}
            {others.length ? (
              <Typography variant="body2" color="text.secondary" component="span" sx={{ display: 'block' }}>
                Also reviewed by {others.map((r) => r.name).join(', ')}
              </Typography>
            ) : null}
          </Fact>
          <Fact label="Due"><DueDate due={cert.due} done={cert.phase === 'SIGNED'} /></Fact>
          <Fact label="Comments">{commentRequirementText(cert.campaign?.mandatoryCommentRequirement)}</Fact>
          <Fact label="Decisions"><CertificationProgress made={cert.decisionsMade} total={cert.decisionsTotal} /></Fact>
          <Fact label="Identities"><CertificationProgress made={cert.identitiesCompleted} total={cert.identitiesTotal} label="identities complete" /></Fact>
        </Grid>
      </Paper>
    </>
  );
}
