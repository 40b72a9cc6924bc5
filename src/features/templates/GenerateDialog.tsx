import { useId, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { Link as RouterLink } from 'react-router';
import { getCampaign } from '../../api/campaigns';
import { isApiError } from '../../api/errors';
import { placeholderWarnings } from '../../api/schedule';
import type { CampaignReference, CampaignTemplate } from '../../api/schemas';
import { formatDateTime } from '../../components/format';
import { resolveGeneration } from './NamePreview';
import { useGenerateFromTemplate } from './queries';

const POLL_MS = 1000;

/** Generate now: the resolved name, description and deadline first, then the campaign followed until it is STAGED. */
export function GenerateDialog({ template, open, onClose }: { template: CampaignTemplate; open: boolean; onClose: () => void }) {
  const titleId = useId();
  const generate = useGenerateFromTemplate(template.id ?? '');
  // Mounted when opened, so "now" is when the dialog opened.
  const [now] = useState(() => new Date());
  const [reference, setReference] = useState<CampaignReference | null>(null);
  const preview = resolveGeneration({ name: template.campaign.name, description: template.campaign.description, deadlineDuration: template.deadlineDuration ?? null }, now);
  const warnings = placeholderWarnings(`${template.campaign.name} ${template.campaign.description ?? ''}`);
  const campaign = useQuery({
    queryKey: ['campaigns', 'generated', reference?.id],
    queryFn: ({ signal }) => getCampaign(reference!.id, {}, { signal }),
    enabled: Boolean(reference?.id),
    refetchInterval: (query) => (query.state.data?.status === 'PENDING' || !query.state.data ? POLL_MS : false),
  });
  const status = campaign.data?.status;

  function close() {
    if (generate.isPending) return;
    setReference(null);
    generate.reset();
    onClose();
  }

  async function confirm() {
    try {
      setReference(await generate.mutateAsync());
    } catch {
      // Shown below.
    }
  }

  return (
    <Dialog open={open} onClose={close} aria-labelledby={titleId} fullWidth maxWidth="sm">
      <DialogTitle id={titleId}>Generate a campaign now</DialogTitle>
      <DialogContent>
        {!reference ? (
          <>
            <DialogContentText>ISC fills the date placeholders at generation. Generated now ({formatDateTime(now.toISOString())}), the campaign would be:</DialogContentText>
            <Stack component="dl" sx={{ my: 2, gap: 0.5, '& dt': { fontWeight: 600 }, '& dd': { m: 0, mb: 1, wordBreak: 'break-word' } }}>
              <dt>Name</dt>
              <dd>{preview.name}</dd>
              <dt>Description</dt>
              <dd>{preview.description || '—'}</dd>
              <dt>Deadline</dt>
              <dd>{preview.deadline ? `${formatDateTime(preview.deadline.toISOString())} (${template.deadlineDuration} after generation)` : 'None: the template has no deadline duration, so the campaign cannot be activated until one is set.'}</dd>
            </Stack>
            {warnings.map((w) => <Alert key={w} severity="warning" sx={{ mb: 1 }}>{w}</Alert>)}
            <Typography variant="body2" color="text.secondary">The times above are your browser’s; the tenant uses its own clock, so a generation near midnight UTC may name the other day.</Typography>
          </>
        ) : (
          <Stack sx={{ gap: 2 }} aria-live="polite">
            <Typography>
              Campaign <strong>{reference.name ?? campaign.data?.name}</strong> {status === 'STAGED' ? 'is generated and staged.' : status ? `is ${status.toLowerCase()}…` : 'was requested…'}
            </Typography>
            {status === 'PENDING' || !status ? <LinearProgress aria-label="Generating the campaign" /> : null}
            {status === 'STAGED' ? (
              <Alert severity="success">
                Staged: check it and activate it on its{' '}
                <Link component={RouterLink} to={`/campaigns/${encodeURIComponent(reference.id)}/preflight`}>preflight page</Link>.
              </Alert>
            ) : null}
            {status === 'ERROR' ? <Alert severity="error">Generation failed on the tenant. Open the campaign to see its alerts.</Alert> : null}
            {campaign.isError ? <Alert severity="error">The campaign’s status could not be read: {campaign.error.message}</Alert> : null}
          </Stack>
        )}
        {generate.isError ? (
          <Alert severity="error" sx={{ mt: 2 }}>
            No campaign was generated: {generate.error.message} {isApiError(generate.error) ? generate.error.advice : 'Try again.'}
          </Alert>
        ) : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={close} disabled={generate.isPending}>{reference ? 'Close' : 'Cancel'}</Button>
        {!reference ? (
          <Button variant="contained" onClick={() => void confirm()} disabled={generate.isPending}>{generate.isPending ? 'Generating…' : 'Generate campaign'}</Button>
        ) : (
          <Button variant="contained" component={RouterLink} to={`/campaigns/${encodeURIComponent(reference.id)}/preflight`} disabled={status !== 'STAGED'}>Open preflight</Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
