import { useId, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormLabel from '@mui/material/FormLabel';
import Grid from '@mui/material/Grid';
import InputLabel from '@mui/material/InputLabel';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Select from '@mui/material/Select';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { isApiError } from '../../api/errors';
import {
  describeSchedule,
  nextRuns,
  placeholderWarnings,
  sameSchedule,
  scheduleProblem,
  scheduleTimeZone,
  scheduleWarnings,
  timeZoneIds,
  toSchedule,
  WEEKDAY_NAMES,
} from '../../api/schedule';
import type { CampaignTemplate, Schedule } from '../../api/schemas';
import { ErrorState } from '../../components/ErrorState';
import { useNotify } from '../../components/notifications';
import { resolveGeneration } from './NamePreview';
import { templateQueries, useScheduleMutations } from './queries';
import { defaultInputs, inputsToForm, parseScheduleJson, scheduleToInputs, type ScheduleInputs } from './scheduleInputs';

const RUNS_SHOWN = 8;
const MONTH_NAMES = ['January', 'February', 'March'];

function wallFormat(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' }).format(date);
}

/** The schedule the studio's state stands for: from the preset fields, or the JSON typed in custom mode. */
function currentSchedule(inputs: ScheduleInputs, json: string): { schedule: Schedule } | { error: string } {
  if (inputs.kind === 'custom') return parseScheduleJson(json);
  const result = inputsToForm(inputs);
  return 'error' in result ? result : { schedule: toSchedule(result.form) };
}

/**
 * The schedule studio: presets a person thinks in, mapped to ISC's schedule JSON exactly (and back from JSON),
 * validated per type, with the next runs in the schedule's zone, each with its campaign name and deadline.
 */
export function ScheduleStudio({ template }: { template: CampaignTemplate & { id: string } }) {
  const saved = useQuery(templateQueries.schedule(template.id));
  if (saved.isPending) return <LinearProgress aria-label="Loading the schedule" />;
  if (saved.isError) return <ErrorState error={saved.error} title="The schedule could not be loaded" onRetry={() => void saved.refetch()} />;
  return <Studio key={JSON.stringify(saved.data)} template={template} saved={saved.data} />;
}

function Studio({ template, saved }: { template: CampaignTemplate & { id: string }; saved: Schedule | null }) {
  const notify = useNotify();
  const { set, remove } = useScheduleMutations(template.id);
  const [inputs, setInputs] = useState<ScheduleInputs>(() => (saved ? (scheduleToInputs(saved) ?? { ...defaultInputs(), kind: 'custom' }) : defaultInputs()));
  const [json, setJson] = useState(() => JSON.stringify(saved ?? toScheduleOrNull(defaultInputs()), null, 2));
  const [jsonFocused, setJsonFocused] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [now] = useState(() => new Date());
  const result = currentSchedule(inputs, json);
  const schedule = 'schedule' in result ? result.schedule : null;
  const problem = 'error' in result ? result.error : schedule ? scheduleProblem(schedule) : null;
  const zone = schedule ? scheduleTimeZone(schedule.timeZoneId) : null;
  const runs = schedule && !problem ? nextRuns(schedule, now, RUNS_SHOWN) : [];
  const deadlineDuration = template.deadlineDuration ?? null;
  const warnings = schedule && !problem ? scheduleWarnings(schedule, { deadlineDuration, runs }) : [];
  const nameWarnings = placeholderWarnings(`${template.campaign.name} ${template.campaign.description ?? ''}`);
  const utcDayDiffers = zone && runs.some((r) => r.local.slice(0, 10) !== r.at.toISOString().slice(0, 10));
  const unchanged = Boolean(saved && schedule && sameSchedule(saved, schedule));

  // Preset fields write the JSON shown, unless someone is typing in it.
  const presetJson = inputs.kind === 'custom' ? null : toScheduleOrNull(inputs);
  const shownJson = presetJson && !jsonFocused ? JSON.stringify(presetJson, null, 2) : json;

  const change = (changes: Partial<ScheduleInputs>) => {
    set.reset();
    setInputs((current) => ({ ...current, ...changes }));
  };

  function typeJson(text: string) {
    set.reset();
    setJson(text);
    const parsed = parseScheduleJson(text);
    if ('schedule' in parsed) setInputs((current) => scheduleToInputs(parsed.schedule, current) ?? { ...current, kind: 'custom' });
    else setInputs((current) => ({ ...current, kind: 'custom' }));
  }

  async function save() {
    if (!schedule || problem) return;
    try {
      await set.mutateAsync(schedule);
      notify(`Schedule saved: ${describeSchedule(schedule)}.`, 'success');
    } catch {
      // Shown below the buttons.
    }
  }

  async function deleteSchedule() {
    try {
      await remove.mutateAsync();
      setConfirmDelete(false);
      notify('Schedule deleted: no more campaigns are generated from this template.', 'success');
    } catch {
      // Shown in the dialog.
    }
  }

  const [zones] = useState(timeZoneIds);
  const runZone = zone ?? 'UTC';

  return (
    <Paper variant="outlined" component="section" aria-labelledby="schedule-title" sx={{ p: { xs: 2, md: 3 } }}>
      <Stack direction={{ xs: 'column', sm: 'row' }} sx={{ justifyContent: 'space-between', gap: 1, mb: 2 }}>
        <Box>
          <Typography variant="h5" component="h2" id="schedule-title">Schedule</Typography>
          <Typography color="text.secondary" aria-live="polite">
            {saved ? `Scheduled: ${describeSchedule(saved)}.` : 'Not scheduled: campaigns are generated only when you generate one.'}
          </Typography>
        </Box>
      </Stack>
      <Grid container spacing={3}>
        <Grid size={{ xs: 12, lg: 5 }}>
          <Stack sx={{ gap: 2 }}>
            <FormControl fullWidth>
              <InputLabel id="schedule-kind">Repeats</InputLabel>
              <Select labelId="schedule-kind" label="Repeats" value={inputs.kind} onChange={(e) => change({ kind: e.target.value as ScheduleInputs['kind'] })}>
                <MenuItem value="weekly">Weekly</MenuItem>
                <MenuItem value="monthly">Monthly</MenuItem>
                <MenuItem value="quarterly">Quarterly</MenuItem>
                <MenuItem value="yearly">Yearly on dates</MenuItem>
                <MenuItem value="dates">On a list of dates</MenuItem>
                <MenuItem value="custom">Custom (edit the JSON)</MenuItem>
              </Select>
            </FormControl>
            {inputs.kind === 'weekly' ? (
              <FormControl component="fieldset">
                <FormLabel component="legend">On</FormLabel>
                <FormGroup row>
                  {WEEKDAY_NAMES.map((day, index) => (
                    <FormControlLabel
                      key={day}
                      label={day.slice(0, 3)}
                      control={<Checkbox checked={inputs.weekdays.includes(index + 1)} onChange={(e) => change({ weekdays: e.target.checked ? [...inputs.weekdays, index + 1] : inputs.weekdays.filter((d) => d !== index + 1) })} slotProps={{ input: { 'aria-label': day } }} />}
                    />
                  ))}
                </FormGroup>
              </FormControl>
            ) : null}
            {inputs.kind === 'monthly' ? (
              <FormControl component="fieldset">
                <FormLabel component="legend" id="month-mode">On</FormLabel>
                <RadioGroup aria-labelledby="month-mode" value={inputs.monthMode} onChange={(e) => change({ monthMode: e.target.value as ScheduleInputs['monthMode'] })}>
                  <FormControlLabel value="days" control={<Radio />} label="Days of the month" />
                  {inputs.monthMode === 'days' ? <TextField size="small" label="Days (1–31)" value={inputs.monthDays} onChange={(e) => change({ monthDays: e.target.value })} helperText="e.g. 1 or 1, 15" sx={{ ml: 4, mb: 1 }} /> : null}
                  <FormControlLabel value="last" control={<Radio />} label="The last day" />
                  <FormControlLabel value="beforeLast" control={<Radio />} label="Days before the last day" />
                  {inputs.monthMode === 'beforeLast' ? <TextField size="small" label="Days before the last (1–30)" value={inputs.before} onChange={(e) => change({ before: e.target.value })} sx={{ ml: 4, mb: 1 }} /> : null}
                  <FormControlLabel value="range" control={<Radio />} label="Every day of a range" />
                  {inputs.monthMode === 'range' ? (
                    <Stack direction="row" sx={{ gap: 1, ml: 4 }}>
                      <TextField size="small" label="From day" value={inputs.rangeFrom} onChange={(e) => change({ rangeFrom: e.target.value })} helperText="1–31, L or L-n" />
                      <TextField size="small" label="To day" value={inputs.rangeTo} onChange={(e) => change({ rangeTo: e.target.value })} helperText="1–31, L or L-n" />
                    </Stack>
                  ) : null}
                </RadioGroup>
              </FormControl>
            ) : null}
            {inputs.kind === 'quarterly' ? (
              <Stack direction="row" sx={{ gap: 2 }}>
                <FormControl sx={{ minWidth: 200 }}>
                  <InputLabel id="quarter-start">First quarter starts in</InputLabel>
                  <Select labelId="quarter-start" label="First quarter starts in" value={inputs.quarterStart} onChange={(e) => change({ quarterStart: e.target.value })}>
                    {MONTH_NAMES.map((m, i) => <MenuItem key={m} value={String(i + 1)}>{m}</MenuItem>)}
                  </Select>
                </FormControl>
                <TextField label="Day of the month" value={inputs.quarterDay} onChange={(e) => change({ quarterDay: e.target.value })} helperText="1–31, L or L-n" />
              </Stack>
            ) : null}
            {inputs.kind === 'yearly' ? <TextField label="Dates every year (MM-DD)" value={inputs.yearlyDates} onChange={(e) => change({ yearlyDates: e.target.value })} helperText="e.g. 01-01 or 03-12, 12-05" /> : null}
            {inputs.kind === 'dates' ? <TextField label="Dates (YYYY-MM-DD)" value={inputs.dates} onChange={(e) => change({ dates: e.target.value })} helperText="e.g. 2027-03-01, 2027-09-01" /> : null}
            {inputs.kind !== 'custom' ? (
              <>
                <TextField
                  label="Hour of the day (0–23)"
                  value={inputs.hours}
                  onChange={(e) => change({ hours: e.target.value })}
                  helperText="One hour, one campaign a day. Several hours (9, 17) mean several campaigns that day."
                />
                <Autocomplete
                  options={zones}
                  value={inputs.timeZoneId || null}
                  onChange={(_e, value) => change({ timeZoneId: value ?? '' })}
                  renderInput={(params) => <TextField {...params} label="Time zone (IANA)" helperText="Daylight saving is included in the runs shown." />}
                />
                <TextField
                  label="Last day to run (optional)"
                  type="date"
                  value={inputs.expirationDate}
                  onChange={(e) => change({ expirationDate: e.target.value })}
                  slotProps={{ inputLabel: { shrink: true } }}
                  helperText="Sent as the expiration: the end of that day in the time zone."
                />
              </>
            ) : null}
            <TextField
              label="Schedule JSON (sent to ISC)"
              multiline
              minRows={6}
              value={shownJson}
              onChange={(e) => typeJson(e.target.value)}
              onFocus={() => {
                setJson(shownJson);
                setJsonFocused(true);
              }}
              onBlur={() => setJsonFocused(false)}
              slotProps={{ htmlInput: { spellCheck: false, style: { fontFamily: 'monospace', fontSize: 13 } } }}
              helperText="Edit either side: a schedule a preset says exactly shows in the fields above."
            />
            {problem ? <Alert severity="error" role="alert">{problem}</Alert> : null}
            <Stack direction="row" sx={{ gap: 1, flexWrap: 'wrap' }}>
              <Button variant="contained" onClick={() => void save()} disabled={Boolean(problem) || !schedule || set.isPending || unchanged}>
                {set.isPending ? 'Saving…' : saved ? (unchanged ? 'Schedule saved' : 'Save schedule') : 'Set schedule'}
              </Button>
              {saved ? <Button color="error" onClick={() => setConfirmDelete(true)}>Delete schedule</Button> : null}
            </Stack>
            {set.isError ? <Alert severity="error">The schedule was not saved: {set.error.message} {isApiError(set.error) ? set.error.advice : 'Try again.'}</Alert> : null}
          </Stack>
        </Grid>
        <Grid size={{ xs: 12, lg: 7 }}>
          <Typography variant="h6" component="h3" id="next-runs-title">Next runs{zone ? ` (${zone})` : ''}</Typography>
          {schedule && !problem ? <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>{describeSchedule(schedule)}. A preview: the tenant’s scheduler decides.</Typography> : null}
          {warnings.length || nameWarnings.length || utcDayDiffers ? (
            <Stack sx={{ gap: 1, mb: 2 }} aria-label="Schedule warnings" component="ul" role="list" style={{ paddingLeft: 0, margin: 0 }}>
              {[...warnings, ...nameWarnings, ...(utcDayDiffers ? ['Some runs fall on another date in UTC than in this time zone: if ISC fills the placeholders in UTC, the name would say the other day.'] : [])].map((w) => (
                <Alert component="li" key={w} severity="warning">{w}</Alert>
              ))}
            </Stack>
          ) : null}
          {runs.length ? (
            <TableContainer>
              <Table size="small" aria-labelledby="next-runs-title">
                <TableHead>
                  <TableRow>
                    <TableCell>#</TableCell>
                    <TableCell>Generated</TableCell>
                    <TableCell>Campaign name</TableCell>
                    <TableCell>Due</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {runs.map((run, index) => {
                    const resolved = resolveGeneration({ name: template.campaign.name, description: template.campaign.description, deadlineDuration }, run.at, runZone);
                    return (
                      <TableRow key={run.at.toISOString()}>
                        <TableCell>{index + 1}</TableCell>
                        <TableCell><time dateTime={run.at.toISOString()}>{wallFormat(run.at, runZone)}</time></TableCell>
                        <TableCell sx={{ wordBreak: 'break-word' }}>{resolved.name}</TableCell>
                        <TableCell>{resolved.deadline ? wallFormat(resolved.deadline, runZone) : 'No deadline'}</TableCell>
                      </TableRow>
                    );
                  })}
                </TableBody>
              </Table>
            </TableContainer>
          ) : (
            <Typography color="text.secondary">{problem ? 'Fix the schedule to see its runs.' : 'No runs to come.'}</Typography>
          )}
        </Grid>
      </Grid>
      <DeleteScheduleDialog open={confirmDelete} pending={remove.isPending} error={remove.error} onCancel={() => { remove.reset(); setConfirmDelete(false); }} onConfirm={() => void deleteSchedule()} />
    </Paper>
  );
}

function toScheduleOrNull(inputs: ScheduleInputs): Schedule | null {
  const result = inputsToForm(inputs);
  return 'form' in result ? toSchedule(result.form) : null;
}

function DeleteScheduleDialog({ open, pending, error, onCancel, onConfirm }: { open: boolean; pending: boolean; error: Error | null; onCancel: () => void; onConfirm: () => void }) {
  const titleId = useId();
  return (
    <Dialog open={open} onClose={pending ? undefined : onCancel} aria-labelledby={titleId}>
      <DialogTitle id={titleId}>Delete the schedule?</DialogTitle>
      <DialogContent>
        <DialogContentText>No more campaigns will be generated from this template until it is scheduled again. Campaigns already generated stay.</DialogContentText>
        {error ? <Alert severity="error" sx={{ mt: 2 }}>The schedule was not deleted: {error.message}</Alert> : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel} disabled={pending}>Cancel</Button>
        <Button color="error" variant="contained" onClick={onConfirm} disabled={pending}>{pending ? 'Deleting…' : 'Delete schedule'}</Button>
      </DialogActions>
    </Dialog>
  );
}
