import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { getReport, type ReportFileFormat } from '../../../api/reports';
import { ReportType, type CampaignReport } from '../../../api/schemas';
import { formatDateTime, percent } from '../../../components/format';
import { useNotify } from '../../../components/notifications';
import { useRunReport, useSetReportsConfig } from '../mutations';
import { fileSafe, saveFile } from './parts';
import { campaignPageQueries } from './queries';
import { buildEvidencePack, type EvidenceProgress } from './evidence';

export const REPORT_LABELS: Record<ReportType, { name: string; about: string }> = {
  CAMPAIGN_COMPOSITION_REPORT: { name: 'Campaign composition', about: 'How the campaign is configured.' },
  CAMPAIGN_STATUS_REPORT: { name: 'Campaign status', about: 'Every access item and its decision.' },
  CAMPAIGN_REMEDIATION_STATUS_REPORT: { name: 'Remediation status', about: 'Revoked items and their removal.' },
  CERTIFICATION_SIGNOFF_REPORT: { name: 'Certification sign-off', about: 'Each certification and its sign-off.' },
};

const STATUS_LABELS: Record<string, { label: string; color: 'default' | 'info' | 'success' | 'warning' | 'error' }> = {
  PENDING: { label: 'Running', color: 'info' },
  SUCCESS: { label: 'Ready', color: 'success' },
  WARNING: { label: 'Ready with warnings', color: 'warning' },
  ERROR: { label: 'Failed', color: 'error' },
  TERMINATED: { label: 'Stopped', color: 'error' },
  TEMP_ERROR: { label: 'Failed, try again', color: 'error' },
};

const DOWNLOADABLE = ['SUCCESS', 'WARNING'];

/** The campaign's reports: run, follow, download; the tenant-wide columns; the evidence pack. */
export function ReportsPanel({ campaignId, campaignName, canConfigure }: { campaignId: string; campaignName: string; canConfigure: boolean }) {
  const reports = useQuery(campaignPageQueries.reports(campaignId));
  const run = useRunReport(campaignId);
  const notify = useNotify();
  const [downloading, setDownloading] = useState<string | null>(null);

  const download = async (report: CampaignReport, format: ReportFileFormat) => {
    setDownloading(`${report.id}:${format}`);
    try {
      const file = await getReport(report.id!, { fileFormat: format });
      saveFile(file.blob, file.fileName ?? `${fileSafe(`${REPORT_LABELS[report.reportType].name} ${campaignName}`)}.${format}`);
    } catch (error) {
      notify(`The report could not be downloaded: ${error instanceof Error ? error.message : String(error)}`, 'error');
    } finally {
      setDownloading(null);
    }
  };

  return (
    <Stack sx={{ gap: 3 }}>
      <EvidencePack campaignId={campaignId} />
      <Paper variant="outlined" component="section" aria-labelledby="reports-title" sx={{ p: 2 }}>
        <Typography id="reports-title" variant="h6" component="h2">ISC reports</Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          A report is a snapshot of when it ran: run it again to include later changes. The list refreshes while a report runs.
        </Typography>
        {reports.isError ? <Alert severity="error">The reports could not be loaded: {reports.error.message}</Alert> : null}
        {reports.isPending ? <LinearProgress aria-label="Loading the reports" /> : null}
        <TableContainer>
          <Table size="small" aria-label="Campaign reports">
            <TableHead>
              <TableRow>
                <TableCell>Report</TableCell>
                <TableCell>Status</TableCell>
                <TableCell>Last run</TableCell>
                <TableCell>Actions</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {ReportType.options.map((type) => {
                const report = reports.data?.find((r) => r.reportType === type);
                const status = report?.status ? (STATUS_LABELS[report.status] ?? { label: report.status, color: 'default' as const }) : null;
                const ready = Boolean(report?.id && DOWNLOADABLE.includes(report.status ?? ''));
                const label = REPORT_LABELS[type].name;
                return (
                  <TableRow key={type}>
                    <TableCell>
                      <Typography variant="body2">{label}</Typography>
                      <Typography variant="caption" color="text.secondary">{REPORT_LABELS[type].about}</Typography>
                    </TableCell>
                    <TableCell>{status ? <Chip size="small" color={status.color} label={status.label} /> : <Typography variant="body2" color="text.secondary">Not run</Typography>}</TableCell>
                    <TableCell>{report?.lastRunAt ? formatDateTime(report.lastRunAt) : '—'}</TableCell>
                    <TableCell>
                      <Stack direction="row" sx={{ gap: 1, flexWrap: 'wrap' }}>
                        <Button
                          size="small"
                          variant="outlined"
                          aria-label={`Run ${label}`}
                          loading={run.isPending && run.variables === type}
                          disabled={report?.status === 'PENDING'}
                          onClick={() => run.mutate(type, { onError: (e) => notify(`${label} did not start: ${e.message}`, 'error') })}
                        >
                          {report ? 'Run again' : 'Run'}
                        </Button>
                        {(['csv', 'pdf'] as const).map((format) => (
                          <Button
                            key={format}
                            size="small"
                            disabled={!ready}
                            loading={downloading === `${report?.id}:${format}`}
                            aria-label={`Download ${label} as ${format.toUpperCase()}`}
                            onClick={() => report && void download(report, format)}
                          >
                            {format.toUpperCase()}
                          </Button>
                        ))}
                      </Stack>
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </TableContainer>
      </Paper>
      {canConfigure ? <ReportColumns /> : null}
    </Stack>
  );
}

function ReportColumns() {
  const config = useQuery(campaignPageQueries.reportsConfig());
  const save = useSetReportsConfig();
  const notify = useNotify();
  const [text, setText] = useState<string | null>(null);
  const current = (config.data?.identityAttributeColumns ?? []).join(', ');
  const value = text ?? current;
  const columns = value.split(',').map((c) => c.trim()).filter(Boolean);
  return (
    <Paper variant="outlined" component="section" aria-labelledby="columns-title" sx={{ p: 2 }}>
      <Typography id="columns-title" variant="h6" component="h2">Report columns (whole tenant)</Typography>
      <Alert severity="warning" sx={{ my: 1 }}>
        These identity attribute columns apply to the reports of every campaign in the tenant, not just this one. Saving replaces the whole list.
      </Alert>
      {config.isError ? <Alert severity="error">The columns could not be loaded: {config.error.message}</Alert> : null}
      <Stack direction={{ xs: 'column', sm: 'row' }} sx={{ gap: 2, alignItems: { sm: 'flex-start' } }}>
        <TextField
          label="Identity attribute columns"
          value={value}
          onChange={(e) => setText(e.target.value)}
          helperText="Identity attribute names, separated by commas (for example: department, title). Leave empty for none."
          disabled={config.isPending}
          sx={{ flex: 1 }}
        />
        <Button
          variant="contained"
          disabled={config.isPending || value === current || save.isPending}
          loading={save.isPending}
          onClick={() =>
            save.mutate(
              { identityAttributeColumns: columns.length ? columns : null },
              {
                onSuccess: () => {
                  setText(null);
                  notify('Report columns saved for every campaign.', 'success');
                },
                onError: (e) => notify(`The columns were not saved: ${e.message}`, 'error'),
              },
            )
          }
        >
          Replace columns
        </Button>
      </Stack>
    </Paper>
  );
}

function EvidencePack({ campaignId }: { campaignId: string }) {
  const [progress, setProgress] = useState<EvidenceProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [ready, setReady] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const start = async () => {
    setBusy(true);
    setError(null);
    setReady(null);
    try {
      const pack = await buildEvidencePack(campaignId, setProgress);
      saveFile(pack.zip, pack.fileName);
      setReady(`Evidence pack downloaded: snapshot taken at ${formatDateTime(pack.takenAt)}.`);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setProgress(null);
      setBusy(false);
    }
  };
  return (
    <Paper variant="outlined" component="section" aria-labelledby="evidence-title" sx={{ p: 2 }}>
      <Typography id="evidence-title" variant="h6" component="h2">Evidence pack</Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        One zip for auditors: ISC’s four reports run now, every item with its decision, comment, reviewer, high-risk flags and reassignment chain, and figures per reviewer, stamped with when the snapshot was taken.
      </Typography>
      <Button variant="contained" onClick={() => void start()} loading={busy} disabled={busy}>Build evidence pack</Button>
      {busy && progress ? (
        <Box sx={{ mt: 2 }}>
          <Typography variant="body2" id="evidence-progress" aria-live="polite">{progress.text}</Typography>
          <LinearProgress aria-labelledby="evidence-progress" variant="determinate" value={percent(progress.done, progress.total)} />
        </Box>
      ) : null}
      {ready ? <Alert severity="success" sx={{ mt: 2 }}>{ready}</Alert> : null}
      {error ? <Alert severity="error" sx={{ mt: 2 }}>The evidence pack was not built: {error}</Alert> : null}
    </Paper>
  );
}
