import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import DeleteIcon from '@mui/icons-material/Delete';
import EditIcon from '@mui/icons-material/Edit';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import { Link as RouterLink, useNavigate, useParams } from 'react-router';
import { describeDuration } from '../../api/schedule';
import { campaignTypeLabel } from '../../components/campaignLabels';
import { ErrorState } from '../../components/ErrorState';
import { formatDateTime } from '../../components/format';
import { useNotify } from '../../components/notifications';
import { Crumbs } from '../../components/Crumbs';
import { PageContainer } from '../../components/PageContainer';
import { DeleteTemplateDialog } from './DeleteTemplateDialog';
import { GenerateDialog } from './GenerateDialog';
import { templateQueries, useCreateTemplate } from './queries';
import { ScheduleStudio } from './ScheduleStudio';
import { duplicateOf } from './TemplatesPage';

/** One template: what it generates, generate now, edit, duplicate, delete, and its schedule studio. */
export function TemplatePage() {
  const { id = '' } = useParams();
  const template = useQuery(templateQueries.detail(id));
  const navigate = useNavigate();
  const notify = useNotify();
  const create = useCreateTemplate();
  const [generating, setGenerating] = useState(false);
  const [deleting, setDeleting] = useState(false);

  if (template.isPending) return <LinearProgress aria-label="Loading the template" />;
  if (template.isError) {
    return (
      <PageContainer title="Template" breadcrumbs={<Crumbs items={[{ label: 'Templates', to: '/templates' }, { label: 'Template' }]} />}>
        <ErrorState error={template.error} title="The template could not be loaded" onRetry={() => void template.refetch()} />
      </PageContainer>
    );
  }
  const t = { ...template.data, id: template.data.id ?? id };

  async function duplicate() {
    try {
      const copy = await create.mutateAsync(duplicateOf(t));
      notify(`Created “${copy.name}”. The schedule was not copied.`, 'success');
      if (copy.id) navigate(`/templates/${encodeURIComponent(copy.id)}`);
    } catch (error) {
      notify(`The template was not duplicated: ${error instanceof Error ? error.message : String(error)}`, 'error');
    }
  }

  return (
    <PageContainer
      title={t.name}
      breadcrumbs={<Crumbs items={[{ label: 'Templates', to: '/templates' }, { label: t.name }]} />}
      actions={
        <>
          <Button variant="contained" startIcon={<PlayArrowIcon />} onClick={() => setGenerating(true)}>Generate now</Button>
          <Button component={RouterLink} to={`/templates/${encodeURIComponent(t.id)}/edit`} startIcon={<EditIcon />}>Edit</Button>
          <Button startIcon={<ContentCopyIcon />} onClick={() => void duplicate()} disabled={create.isPending}>Duplicate</Button>
          <Button color="error" startIcon={<DeleteIcon />} onClick={() => setDeleting(true)}>Delete</Button>
        </>
      }
    >
      <Paper variant="outlined" sx={{ p: { xs: 2, md: 3 }, mb: 3 }} component="section" aria-label="Template">
        <Typography sx={{ mb: 2, wordBreak: 'break-word' }}>{t.description}</Typography>
        <Stack component="dl" direction={{ xs: 'column', md: 'row' }} sx={{ gap: { xs: 1, md: 4 }, m: 0, flexWrap: 'wrap', '& dt': { color: 'text.secondary', fontSize: 14 }, '& dd': { m: 0, wordBreak: 'break-word' } }}>
          <div><dt>Generates</dt><dd>{campaignTypeLabel(t.campaign.type)} campaign “{t.campaign.name}”</dd></div>
          <div><dt>Deadline</dt><dd>{t.deadlineDuration ? `${describeDuration(t.deadlineDuration)} after generation (${t.deadlineDuration})` : 'None'}</dd></div>
          <div><dt>Owner</dt><dd>{t.ownerRef?.name ?? '—'}</dd></div>
          <div><dt>Modified</dt><dd>{formatDateTime(t.modified ?? t.created)}</dd></div>
        </Stack>
      </Paper>
      <ScheduleStudio template={t} />
      {generating ? <GenerateDialog template={t} open onClose={() => setGenerating(false)} /> : null}
      <DeleteTemplateDialog template={deleting ? t : null} onClose={() => setDeleting(false)} onDeleted={() => navigate('/templates')} />
    </PageContainer>
  );
}
