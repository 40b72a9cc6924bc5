import { useId, useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Grid from '@mui/material/Grid';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import ExpandLessIcon from '@mui/icons-material/ExpandLess';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import type { IdentityCertificationDto } from '../../../api/schemas';
import { DueDate } from '../../../components/DueDate';
import { formatDateTime } from '../../../components/format';
import { campaignTypeLabel } from '../../../components/campaignLabels';
import { TenantText } from '../../../components/TenantText';
import { CertificationProgress } from '../components/CertificationProgress';
import { certificationQueries } from '../queries';
import { commentRequirementText } from './decisions/comments';

/** A fact of the header; `secondary` ones fold away on a phone until the reviewer asks for them. */
function Fact({ label, children, secondary, expanded }: { label: string; children: ReactNode; secondary?: boolean; expanded?: boolean }) {
  return (
    <Grid size={{ xs: 12, sm: 6, md: 4, lg: 2 }} sx={[{ minWidth: 0 }, secondary && !expanded ? { display: { xs: 'none', sm: 'block' } } : {}]}>
      <Typography variant="overline" color="text.secondary" component="dt" sx={{ lineHeight: 2 }}>{label}</Typography>
      <Typography variant="body1" component="dd" sx={{ m: 0, minWidth: 0, overflowWrap: 'anywhere' }}>{children}</Typography>
    </Grid>
  );
}

/** The other reviewers' names, each isolated so one name's direction never reorders the next. */
function Names({ names }: { names: (string | undefined)[] }) {
  return (
    <>
      {names.map((name, i) => (
        <span key={i}>
          {i > 0 ? ', ' : null}
          <TenantText text={name} />
        </span>
      ))}
    </>
  );
}

/**
 * The certification's facts: campaign, reviewers, due date, progress as the server counts it. On a phone
 * the due date and the decisions stay; the rest folds behind "More about this certification".
 */
export function WorkspaceHeader({ certification: cert }: { certification: IdentityCertificationDto }) {
  const reviewers = useQuery(certificationQueries.reviewers(cert.id!));
  const others = (reviewers.data?.items ?? []).filter((r) => r.id !== cert.reviewer?.id);
  const [expanded, setExpanded] = useState(false);
  const factsId = useId();
  return (
    <>
      {cert.phase === 'SIGNED' ? (
        <Alert severity="success" sx={{ mb: 2 }}>
          Signed off on {formatDateTime(cert.signed)}. This certification is complete and read-only.
        </Alert>
      ) : null}
      {cert.reassignment ? (
        <Alert severity="info" sx={{ mb: 2, overflowWrap: 'anywhere', '& .MuiAlert-message': { minWidth: 0 } }}>
          Reassigned from <TenantText text={cert.reassignment.from?.reviewer?.name} fallback="another reviewer" />
          {cert.reassignment.from?.name ? <> (<TenantText text={cert.reassignment.from.name} />)</> : null}.
          {cert.reassignment.comment ? <> Reason: <TenantText text={cert.reassignment.comment} /></> : null}
        </Alert>
      ) : null}
      <Paper variant="outlined" sx={{ px: { xs: 2, md: 2.5 }, py: { xs: 1.5, md: 2 }, mb: 2 }}>
        <Grid container columnSpacing={2} rowSpacing={1} component="dl" id={factsId} sx={{ m: 0 }}>
          <Fact label="Campaign" secondary expanded={expanded}>
            <TenantText text={cert.campaign?.name} fallback="—" lines={2} />
            {cert.campaign ? <Chip size="small" label={campaignTypeLabel(cert.campaign.campaignType)} sx={{ ml: 1 }} /> : null}
          </Fact>
          <Fact label="Reviewer" secondary expanded={expanded}>
            <TenantText text={cert.reviewer?.name} fallback="—" lines={2} />
            {others.length ? (
              <Typography
                variant="body2"
                color="text.secondary"
                component="span"
                title={others.map((r) => r.name || '(no name)').join(', ')}
                sx={{ display: '-webkit-box', WebkitLineClamp: '2', WebkitBoxOrient: 'vertical', overflow: 'hidden', overflowWrap: 'anywhere' }}
              >
                Also reviewed by <Names names={others.map((r) => r.name ?? undefined)} />
              </Typography>
            ) : null}
          </Fact>
          <Fact label="Due"><DueDate due={cert.due} done={cert.phase === 'SIGNED'} /></Fact>
          <Fact label="Comments" secondary expanded={expanded}>{commentRequirementText(cert.campaign?.mandatoryCommentRequirement)}</Fact>
          <Fact label="Decisions"><CertificationProgress made={cert.decisionsMade} total={cert.decisionsTotal} /></Fact>
          <Fact label="Identities" secondary expanded={expanded}><CertificationProgress made={cert.identitiesCompleted} total={cert.identitiesTotal} label="identities complete" /></Fact>
        </Grid>
        <Box sx={{ display: { xs: 'block', sm: 'none' }, mt: 1 }}>
          <Button
            size="small"
            aria-expanded={expanded}
            aria-controls={factsId}
            endIcon={expanded ? <ExpandLessIcon /> : <ExpandMoreIcon />}
            onClick={() => setExpanded((e) => !e)}
          >
            {expanded ? 'Less about this certification' : 'More about this certification'}
          </Button>
        </Box>
      </Paper>
    </>
  );
}
