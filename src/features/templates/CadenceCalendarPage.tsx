import { useState } from 'react';
import { useQueries, useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import ChevronLeftIcon from '@mui/icons-material/ChevronLeft';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import { Link as RouterLink } from 'react-router';
import { generatedNamePattern, nextRuns, previousRun, scheduleTimeZone, type ScheduledRun } from '../../api/schedule';
import type { Campaign, CampaignTemplate, Schedule, SlimCampaign } from '../../api/schemas';
import { campaignTypeLabel } from '../../components/campaignLabels';
import { ErrorState } from '../../components/ErrorState';
import { formatDateTime } from '../../components/format';
import { Crumbs } from '../../components/Crumbs';
import { PageContainer } from '../../components/PageContainer';
import { resolveGeneration } from './NamePreview';
import { templateQueries } from './queries';

const WEEK = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const monthTitle = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric' });
const timeOfDay = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const localDay = (d: Date) => `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;

interface Scheduled {
  template: CampaignTemplate & { id: string };
  schedule: Schedule;
}

interface Generation {
  template: CampaignTemplate & { id: string };
  run: ScheduledRun;
  name: string;
}

/** Campaigns generated from a template: names its campaign name can resolve to. */
function fromTemplate(template: CampaignTemplate, campaigns: SlimCampaign[]): SlimCampaign[] {
  const pattern = generatedNamePattern(template.campaign.name);
  return campaigns.filter((c) => pattern.test(c.name));
}

/**
 * The cadence calendar: every scheduled template's coming generations by month (in your time zone), and
 * looking back, the last campaign of each type and source, cadences that missed their last cycle, and
 * scheduled campaigns still waiting in STAGED.
 */
export function CadenceCalendarPage() {
  const templates = useQuery(templateQueries.everything());
  const campaigns = useQuery(templateQueries.campaigns());
  const scheduledTemplates = (templates.data ?? []).filter((t): t is CampaignTemplate & { id: string } => Boolean(t.scheduled && t.id));
  const schedules = useQueries({ queries: scheduledTemplates.map((t) => templateQueries.schedule(t.id)) });
  const [now] = useState(() => new Date());
  const [month, setMonth] = useState(() => new Date(now.getFullYear(), now.getMonth(), 1));

  const scheduled: Scheduled[] = scheduledTemplates.flatMap((template, i) => {
    const schedule = schedules[i]?.data;
    return schedule ? [{ template, schedule }] : [];
  });
  const loading = templates.isPending || campaigns.isPending || schedules.some((s) => s.isPending);
  const scheduleError = schedules.find((s) => s.isError)?.error;

  const monthEnd = new Date(month.getFullYear(), month.getMonth() + 1, 1);
  const generations: Generation[] = scheduled.flatMap(({ template, schedule }) => {
    const from = new Date(Math.max(month.getTime() - 1, now.getTime()));
    const zone = scheduleTimeZone(schedule.timeZoneId) ?? 'UTC';
    return nextRuns(schedule, from, 200, { until: new Date(monthEnd.getTime() - 1) }).map((run) => ({
      template,
      run,
      name: resolveGeneration({ name: template.campaign.name, deadlineDuration: null }, run.at, zone).name,
    }));
  });
  const byDay = new Map<string, Generation[]>();
  for (const g of generations) {
    const key = localDay(g.run.at);
    byDay.set(key, [...(byDay.get(key) ?? []), g]);
  }
  const firstWeekday = month.getDay();
  const daysInMonth = new Date(month.getFullYear(), month.getMonth() + 1, 0).getDate();
  const cells = [...Array(firstWeekday).fill(null), ...Array.from({ length: daysInMonth }, (_, i) => new Date(month.getFullYear(), month.getMonth(), i + 1))] as (Date | null)[];

  const all = (campaigns.data ?? []) as (SlimCampaign & Partial<Campaign>)[];
  const lookBack = (() => {
    const lastByKey = new Map<string, SlimCampaign & Partial<Campaign>>();
    for (const c of all) {
      const sources = c.sourceOwnerCampaignInfo?.sourceIds ?? c.machineAccountCampaignInfo?.sourceIds ?? [];
      const keys = sources.length ? sources.map((s) => `${campaignTypeLabel(c.type)} · source ${s}`) : [campaignTypeLabel(c.type)];
      for (const key of keys) {
        const current = lastByKey.get(key);
        if (!current || (c.created ?? '') > (current.created ?? '')) lastByKey.set(key, c);
      }
    }
    const missed = scheduled.flatMap(({ template, schedule }) => {
      const last = previousRun(schedule, now);
      if (!last) return [];
      const generated = fromTemplate(template, all).filter((c) => c.created && Date.parse(c.created) >= last.at.getTime() - 60_000);
      return generated.length ? [] : [{ template, run: last }];
    });
    const waiting = scheduled.flatMap(({ template }) => fromTemplate(template, all).filter((c) => c.status === 'STAGED').map((campaign) => ({ template, campaign })));
    return { last: [...lastByKey.entries()].sort(([a], [b]) => a.localeCompare(b)), missed, waiting };
  })();

  const error = templates.error ?? campaigns.error ?? scheduleError;
  return (
    <PageContainer title="Cadence calendar" breadcrumbs={<Crumbs items={[{ label: 'Templates', to: '/templates' }, { label: 'Cadence calendar' }]} />}>
      {loading ? <LinearProgress aria-label="Loading templates, schedules and campaigns" sx={{ mb: 2 }} /> : null}
      {error ? <ErrorState error={error} title="The calendar could not be loaded" onRetry={() => { void templates.refetch(); void campaigns.refetch(); }} /> : null}
      <Paper variant="outlined" component="section" aria-labelledby="calendar-title" sx={{ p: { xs: 1, md: 2 }, mb: 3 }}>
        <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between', mb: 1 }}>
          <IconButton aria-label="Previous month" onClick={() => setMonth(new Date(month.getFullYear(), month.getMonth() - 1, 1))}><ChevronLeftIcon /></IconButton>
          <Typography variant="h5" component="h2" id="calendar-title" aria-live="polite">{monthTitle.format(month)}</Typography>
          <IconButton aria-label="Next month" onClick={() => setMonth(new Date(month.getFullYear(), month.getMonth() + 1, 1))}><ChevronRightIcon /></IconButton>
        </Stack>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {generations.length} coming generation{generations.length === 1 ? '' : 's'} this month from {scheduled.length} scheduled template{scheduled.length === 1 ? '' : 's'}, in your time zone.
        </Typography>
        <Box role="grid" aria-labelledby="calendar-title" sx={{ display: 'grid', gridTemplateColumns: 'repeat(7, minmax(0, 1fr))', gap: 0.5 }}>
          <Box role="row" sx={{ display: 'contents' }}>
            {WEEK.map((d) => <Typography role="columnheader" key={d} variant="caption" sx={{ textAlign: 'center', fontWeight: 600 }}>{d}</Typography>)}
          </Box>
          {Array.from({ length: Math.ceil(cells.length / 7) }, (_, week) => (
            <Box role="row" key={week} sx={{ display: 'contents' }}>
              {cells.slice(week * 7, week * 7 + 7).map((day, i) => {
                const items = day ? (byDay.get(localDay(day)) ?? []) : [];
                const today = day && localDay(day) === localDay(now);
                return (
                  <Box
                    role="gridcell"
                    key={day ? day.getDate() : `blank-${week}-${i}`}
                    aria-label={day ? `${day.toDateString()}: ${items.length ? items.map((g) => g.name).join('; ') : 'nothing scheduled'}` : undefined}
                    sx={{ minHeight: 72, p: 0.5, border: 1, borderColor: today ? 'primary.main' : 'divider', borderRadius: 1, minWidth: 0, bgcolor: day ? 'background.paper' : 'transparent' }}
                  >
                    {day ? <Typography variant="caption" sx={{ fontWeight: today ? 700 : 400 }}>{day.getDate()}</Typography> : null}
                    {items.map((g) => (
                      <Link key={`${g.template.id}-${g.run.at.toISOString()}`} component={RouterLink} to={`/templates/${encodeURIComponent(g.template.id)}`} variant="caption" sx={{ display: 'block', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={g.name}>
                        {timeOfDay.format(g.run.at)} {g.name}
                      </Link>
                    ))}
                  </Box>
                );
              })}
            </Box>
          ))}
        </Box>
      </Paper>

      <Stack direction={{ xs: 'column', md: 'row' }} sx={{ gap: 2, alignItems: 'stretch' }}>
        <Paper variant="outlined" component="section" aria-labelledby="missed-title" sx={{ p: 2, flex: 1 }}>
          <Typography variant="h6" component="h2" id="missed-title">Missed cycles</Typography>
          <Typography variant="body2" color="text.secondary">Scheduled templates with no campaign since their last run.</Typography>
          {lookBack.missed.length === 0 ? <Typography sx={{ mt: 1 }}>{loading ? 'Checking…' : 'None: every cadence generated its last cycle.'}</Typography> : (
            <List dense>
              {lookBack.missed.map(({ template, run }) => (
                <ListItem key={template.id} disableGutters>
                  <Alert severity="warning" sx={{ width: '100%' }}>
                    <Link component={RouterLink} to={`/templates/${encodeURIComponent(template.id)}`}>{template.name}</Link> should have generated a campaign on {formatDateTime(run.at.toISOString())}; none matching “{template.campaign.name}” exists.
                  </Alert>
                </ListItem>
              ))}
            </List>
          )}
        </Paper>
        <Paper variant="outlined" component="section" aria-labelledby="waiting-title" sx={{ p: 2, flex: 1 }}>
          <Typography variant="h6" component="h2" id="waiting-title">Waiting in STAGED</Typography>
          <Typography variant="body2" color="text.secondary">Campaigns from scheduled templates that nobody has activated yet.</Typography>
          {lookBack.waiting.length === 0 ? <Typography sx={{ mt: 1 }}>{loading ? 'Checking…' : 'None waiting.'}</Typography> : (
            <List dense>
              {lookBack.waiting.map(({ template, campaign }) => (
                <ListItem key={campaign.id ?? campaign.name} disableGutters sx={{ display: 'block' }}>
                  <Link component={RouterLink} to={`/campaigns/${encodeURIComponent(campaign.id ?? '')}/preflight`}>{campaign.name}</Link>
                  <Typography variant="caption" component="div" color="text.secondary">from {template.name}, generated {formatDateTime(campaign.created)}</Typography>
                </ListItem>
              ))}
            </List>
          )}
        </Paper>
        <Paper variant="outlined" component="section" aria-labelledby="last-title" sx={{ p: 2, flex: 1 }}>
          <Typography variant="h6" component="h2" id="last-title">Last campaign by type and source</Typography>
          {lookBack.last.length === 0 ? <Typography sx={{ mt: 1 }}>{loading ? 'Checking…' : 'No campaigns yet.'}</Typography> : (
            <List dense>
              {lookBack.last.map(([key, c]) => (
                <ListItem key={key} disableGutters sx={{ display: 'block' }}>
                  <Typography variant="body2" sx={{ fontWeight: 600 }}>{key}</Typography>
                  <Typography variant="body2" sx={{ wordBreak: 'break-word' }}>
                    <Link component={RouterLink} to={`/campaigns/${encodeURIComponent(c.id ?? '')}`}>{c.name}</Link> · {formatDateTime(c.created)} <Chip size="small" label={c.status ?? 'Unknown'} sx={{ ml: 0.5 }} />
                  </Typography>
                </ListItem>
              ))}
            </List>
          )}
        </Paper>
      </Stack>
    </PageContainer>
  );
}
