import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import FormControl from '@mui/material/FormControl';
import InputLabel from '@mui/material/InputLabel';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Select from '@mui/material/Select';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { LocalizationProvider } from '@mui/x-date-pickers/LocalizationProvider';
import { AdapterDateFns } from '@mui/x-date-pickers/AdapterDateFns';
import { useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/errors';
import { fromIsoDuration, placeholderWarnings, toIsoDuration, type DurationUnit } from '../../api/schedule';
import type { CampaignTemplate } from '../../api/schemas';
import { emptyForm, fromCampaignBody, stepErrors, toCampaignBody, validate, type CampaignForm, type FormErrors } from '../../components/campaign-form/form';
import { BasicsStep, OptionsStep, ScopeStep, TypeStep } from '../../components/campaign-form/steps';
import { RequestBody, WizardFrame } from '../../components/campaign-form/WizardFrame';
import { ErrorState } from '../../components/ErrorState';
import { useNotify } from '../../components/notifications';
import { Crumbs } from '../../components/Crumbs';
import { PageContainer } from '../../components/PageContainer';
import { NamePreview } from './NamePreview';
import { templatePatch, templateQueries, useCreateTemplate, usePatchTemplate, type TemplateFields } from './queries';

type EditorStep = 'template' | 'type' | 'basics' | 'scope' | 'options' | 'review';
const STEPS: { key: EditorStep; label: string }[] = [
  { key: 'template', label: 'Template' },
  { key: 'type', label: 'Type' },
  { key: 'basics', label: 'Campaign name' },
  { key: 'scope', label: 'Who and what' },
  { key: 'options', label: 'Options' },
  { key: 'review', label: 'Review' },
];

export interface TemplateHead {
  name: string;
  description: string;
  amount: string;
  unit: DurationUnit;
}

type HeadErrors = Partial<Record<'templateName' | 'templateDescription' | 'duration', string>>;

/** The template's own fields, checked as ISC does (name and description required, a whole-number duration). */
export function validateHead(head: TemplateHead): HeadErrors {
  const errors: HeadErrors = {};
  if (!head.name.trim()) errors.templateName = 'Give the template a name (admins see it; campaigns get the campaign name).';
  if (!head.description.trim()) errors.templateDescription = 'ISC requires a template description.';
  const amount = Number(head.amount);
  if (!/^\d+$/.test(head.amount.trim()) || amount < 1) errors.duration = 'Enter a whole number of days, weeks or months, 1 or more.';
  else if (head.unit === 'D' && amount < 2) errors.duration = 'Keep at least 2 days: ISC cannot activate a campaign due the day it is generated.';
  return errors;
}

/** A template's fields from the editor. */
export function toTemplateFields(head: TemplateHead, form: CampaignForm): TemplateFields {
  const campaign = toCampaignBody({ ...form, deadline: null });
  return { name: head.name.trim(), description: head.description.trim(), deadlineDuration: toIsoDuration(Number(head.amount), head.unit), campaign: { ...campaign, deadline: null } };
}

/** Create a template (no id) or edit one by JSON Patch: the campaign wizard's steps plus the template's name and deadline duration. */
export function TemplateEditorPage() {
  const { id } = useParams();
  const existing = useQuery({ ...templateQueries.detail(id ?? ''), enabled: Boolean(id) });
  if (id && existing.isPending) return <LinearProgress aria-label="Loading the template" />;
  if (id && existing.isError) return <PageContainer title="Edit template"><ErrorState error={existing.error} title="The template could not be loaded" onRetry={() => void existing.refetch()} /></PageContainer>;
  return <TemplateEditor template={existing.data ?? null} />;
}

function headOf(template: CampaignTemplate | null): TemplateHead {
  const duration = fromIsoDuration(template?.deadlineDuration) ?? { amount: 2, unit: 'W' as DurationUnit };
  return { name: template?.name ?? '', description: template?.description ?? '', amount: String(duration.amount), unit: duration.unit };
}

/** A template's writable fields with its campaign as the editor's form gives it back. */
function baselineOf(template: CampaignTemplate): TemplateFields {
  const campaign = toCampaignBody({ ...fromCampaignBody(template.campaign), deadline: null });
  return { name: template.name, description: template.description, deadlineDuration: template.deadlineDuration ?? null, campaign: { ...campaign, deadline: null } };
}

function TemplateEditor({ template }: { template: CampaignTemplate | null }) {
  const navigate = useNavigate();
  const notify = useNotify();
  const create = useCreateTemplate();
  const patch = usePatchTemplate(template?.id ?? '');
  const mutation = template ? patch : create;
  const [head, setHead] = useState<TemplateHead>(() => headOf(template));
  const [form, setForm] = useState<CampaignForm>(() => (template ? fromCampaignBody(template.campaign) : { ...emptyForm(), deadline: null }));
  const [active, setActive] = useState(0);
  const [shown, setShown] = useState<Set<EditorStep>>(() => new Set());
  // Deadlines come from the duration: the campaign form is checked without one.
  const errors: FormErrors = validate({ ...form, deadline: null }, { requireDeadline: false });
  const headErrors = validateHead(head);
  const step = STEPS[active]!.key;
  const errorsOf = (s: EditorStep) => (s === 'template' ? headErrors : s === 'type' || s === 'review' ? {} : stepErrors(errors, s));
  const visibleErrors = shown.has(step) && step !== 'template' ? errorsOf(step) : {};
  const visibleHead = shown.has('template') ? headErrors : {};
  const fields = toTemplateFields(head, form);
  const unsupportedDuration = template?.deadlineDuration && !fromIsoDuration(template.deadlineDuration);
  // The patch compares the editor's output with the template as the editor reads it, so fields the editor
  // does not show (read-only nulls, defaults) are never touched.
  const [baseline] = useState<TemplateFields | null>(() => (template ? baselineOf(template) : null));

  const change = (changes: Partial<CampaignForm>) => {
    mutation.reset();
    setForm((current) => ({ ...current, ...changes }));
  };
  const changeHead = (changes: Partial<TemplateHead>) => {
    mutation.reset();
    setHead((current) => ({ ...current, ...changes }));
  };

  function next() {
    setShown((s) => new Set(s).add(step));
    if (Object.keys(errorsOf(step)).length) return;
    setActive((a) => a + 1);
  }

  async function submit() {
    const failing = STEPS.findIndex((s) => Object.keys(errorsOf(s.key)).length > 0);
    if (failing >= 0) {
      setShown(new Set(STEPS.map((s) => s.key)));
      setActive(failing);
      return;
    }
    try {
      if (template) {
        const operations = templatePatch(baseline!, fields);
        if (operations.length === 0) {
          notify('Nothing changed.', 'info');
          navigate(`/templates/${encodeURIComponent(template.id ?? '')}`);
          return;
        }
        await patch.mutateAsync(operations);
        notify(`Template “${fields.name}” saved (${operations.length} change${operations.length === 1 ? '' : 's'}).`, 'success');
        navigate(`/templates/${encodeURIComponent(template.id ?? '')}`);
      } else {
        const created = await create.mutateAsync(fields);
        notify(`Template “${created.name}” created. Schedule it or generate a campaign now.`, 'success');
        navigate(`/templates/${encodeURIComponent(created.id ?? '')}`);
      }
    } catch {
      // Shown on the review step; nothing typed is lost.
    }
  }

  const title = template ? `Edit “${template.name}”` : 'New template';
  const body = baseline ? templatePatch(baseline, fields) : fields;
  return (
    <LocalizationProvider dateAdapter={AdapterDateFns}>
      <PageContainer title={title} breadcrumbs={<Crumbs items={[{ label: 'Templates', to: '/templates' }, ...(template ? [{ label: template.name, to: `/templates/${encodeURIComponent(template.id ?? '')}` }] : []), { label: template ? 'Edit' : 'New template' }]} />}>
        <WizardFrame
          steps={STEPS}
          active={active}
          failed={(key) => shown.has(key as EditorStep) && Object.keys(errorsOf(key as EditorStep)).length > 0}
          onBack={() => (active === 0 ? navigate(template ? `/templates/${encodeURIComponent(template.id ?? '')}` : '/templates') : setActive((a) => a - 1))}
          onNext={next}
          submit={{ label: template ? 'Save changes' : 'Create template', pendingLabel: 'Saving…', pending: mutation.isPending, onSubmit: () => void submit() }}
        >
          {step === 'template' ? (
            <Stack sx={{ gap: 3, maxWidth: 640 }}>
              <TextField label="Template name" required value={head.name} onChange={(e) => changeHead({ name: e.target.value })} error={Boolean(visibleHead.templateName)} helperText={visibleHead.templateName ?? 'For admins; generated campaigns take the campaign name (next steps).'} />
              <TextField label="Template description" required multiline minRows={2} value={head.description} onChange={(e) => changeHead({ description: e.target.value })} error={Boolean(visibleHead.templateDescription)} helperText={visibleHead.templateDescription ?? 'What this cadence is for.'} />
              <Stack direction="row" sx={{ gap: 2, alignItems: 'flex-start' }}>
                <TextField
                  label="Deadline after generation"
                  required
                  value={head.amount}
                  onChange={(e) => changeHead({ amount: e.target.value })}
                  slotProps={{ htmlInput: { inputMode: 'numeric' } }}
                  error={Boolean(visibleHead.duration)}
                  helperText={visibleHead.duration ?? `Sent as ${/^\d+$/.test(head.amount) ? toIsoDuration(Number(head.amount), head.unit) : '…'} (ISO 8601).`}
                  sx={{ width: 220 }}
                />
                <FormControl sx={{ minWidth: 140 }}>
                  <InputLabel id="duration-unit">Unit</InputLabel>
                  <Select labelId="duration-unit" label="Unit" value={head.unit} onChange={(e) => changeHead({ unit: e.target.value as DurationUnit })}>
                    <MenuItem value="D">days</MenuItem>
                    <MenuItem value="W">weeks</MenuItem>
                    <MenuItem value="M">months</MenuItem>
                  </Select>
                </FormControl>
              </Stack>
              {unsupportedDuration ? <Alert severity="info">This template’s duration is {template?.deadlineDuration}; saving replaces it with the duration above.</Alert> : null}
            </Stack>
          ) : null}
          {step === 'type' ? <TypeStep form={form} errors={visibleErrors} change={change} /> : null}
          {step === 'basics' ? (
            <Stack sx={{ gap: 2 }}>
              <BasicsStep
                form={form}
                errors={visibleErrors}
                change={change}
                nameHelp="Date placeholders are filled when a campaign is generated: %B month name, %Y year, %m month 01–12, %d day."
                deadlineField={<Typography variant="body2" color="text.secondary">Each generated campaign is due {head.amount || '…'} {({ D: 'days', W: 'weeks', M: 'months' })[head.unit]} after it is generated (step 1).</Typography>}
              />
              <NamePreview name={form.name} description={form.description} deadlineDuration={fields.deadlineDuration ?? null} />
            </Stack>
          ) : null}
          {step === 'scope' ? <ScopeStep form={form} errors={visibleErrors} change={change} /> : null}
          {step === 'options' ? <OptionsStep form={form} errors={visibleErrors} change={change} /> : null}
          {step === 'review' ? (
            <Box>
              <Typography sx={{ mb: 1 }}>
                {template ? 'Attest will send exactly these changes (patchCampaignTemplate, JSON Patch):' : 'Attest will create the template with exactly this request body (createCampaignTemplate):'}
              </Typography>
              {placeholderWarnings(`${form.name} ${form.description}`).map((w) => <Alert key={w} severity="warning" sx={{ mb: 1 }}>{w}</Alert>)}
              <RequestBody body={body} />
              {mutation.isError ? (
                <Alert severity="error" sx={{ mt: 2 }}>
                  <AlertTitle>The template was not {template ? 'saved' : 'created'}</AlertTitle>
                  {mutation.error.message} {isApiError(mutation.error) ? mutation.error.advice : 'Try again.'}
                </Alert>
              ) : null}
            </Box>
          ) : null}
        </WizardFrame>
      </PageContainer>
    </LocalizationProvider>
  );
}
