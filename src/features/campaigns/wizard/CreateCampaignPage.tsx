import { useEffect, useState } from 'react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { LocalizationProvider } from '@mui/x-date-pickers/LocalizationProvider';
import { AdapterDateFns } from '@mui/x-date-pickers/AdapterDateFns';
import { useNavigate } from 'react-router';
import { isApiError } from '../../../api/errors';
import { campaignTypeLabel } from '../../../components/campaignLabels';
import { Crumbs } from '../../../components/Crumbs';
import { PageContainer } from '../../../components/PageContainer';
import { emptyForm, FIELD_STEP, stepErrors, toCampaignBody, validate, type CampaignForm, type WizardStep } from '../../../components/campaign-form/form';
import { BasicsStep, OptionsStep, ScopeStep, TypeStep } from '../../../components/campaign-form/steps';
import { RequestBody, WizardFrame } from '../../../components/campaign-form/WizardFrame';
import { useCreateCampaign } from './useCreateCampaign';

const STEPS: { key: WizardStep; label: string }[] = [
  { key: 'type', label: 'Type' },
  { key: 'basics', label: 'Name and deadline' },
  { key: 'scope', label: 'Who and what' },
  { key: 'options', label: 'Options' },
  { key: 'review', label: 'Review' },
];

/** The form survives a reload of this tab (sessionStorage), and is cleared once the campaign is created. */
const DRAFT_KEY = 'attest.campaign-draft';

function loadDraft(): CampaignForm {
  try {
    const text = sessionStorage.getItem(DRAFT_KEY);
    if (text) return { ...emptyForm(), ...(JSON.parse(text) as Partial<CampaignForm>) };
  } catch {
    // A broken draft is dropped.
  }
  return emptyForm();
}

/** The campaign wizard: one step at a time, each checked before moving on, then the exact body ISC gets. */
export function CreateCampaignPage() {
  const navigate = useNavigate();
  const create = useCreateCampaign();
  const [form, setForm] = useState<CampaignForm>(loadDraft);
  const [active, setActive] = useState(0);
  const [shown, setShown] = useState<Set<WizardStep>>(() => new Set());
  const errors = validate(form);
  const step = STEPS[active]!.key;
  const visibleErrors = shown.has(step) ? stepErrors(errors, step) : {};

  useEffect(() => {
    sessionStorage.setItem(DRAFT_KEY, JSON.stringify(form));
  }, [form]);

  const change = (changes: Partial<CampaignForm>) => {
    create.reset();
    setForm((current) => ({ ...current, ...changes }));
  };

  function next() {
    setShown((s) => new Set(s).add(step));
    if (Object.keys(stepErrors(errors, step)).length) return;
    setActive((a) => a + 1);
  }

  async function submit() {
    const all = Object.keys(errors);
    if (all.length) {
      const firstStep = STEPS.findIndex((s) => all.some((field) => FIELD_STEP[field] === s.key));
      setShown(new Set(STEPS.map((s) => s.key)));
      setActive(Math.max(0, firstStep));
      return;
    }
    try {
      const campaign = await create.mutateAsync(toCampaignBody(form));
      sessionStorage.removeItem(DRAFT_KEY);
      navigate(`/campaigns/${encodeURIComponent(campaign.id ?? '')}/preflight`);
    } catch {
      // Shown on the review step; the form stays as it is.
    }
  }

  const body = toCampaignBody(form);
  return (
    <LocalizationProvider dateAdapter={AdapterDateFns}>
      <PageContainer title="New campaign" breadcrumbs={<Crumbs items={[{ label: 'Campaigns', to: '/campaigns' }, { label: 'New campaign' }]} />}>
        <WizardFrame
          steps={STEPS}
          active={active}
          failed={(key) => shown.has(key as WizardStep) && Object.keys(stepErrors(errors, key as WizardStep)).length > 0}
          onBack={() => (active === 0 ? navigate('/campaigns') : setActive((a) => a - 1))}
          onNext={next}
          submit={{ label: 'Create campaign', pendingLabel: 'Creating…', pending: create.isPending, onSubmit: () => void submit() }}
        >
          {step === 'type' ? <TypeStep form={form} errors={visibleErrors} change={change} /> : null}
          {step === 'basics' ? <BasicsStep form={form} errors={visibleErrors} change={change} /> : null}
          {step === 'scope' ? <ScopeStep form={form} errors={visibleErrors} change={change} /> : null}
          {step === 'options' ? <OptionsStep form={form} errors={visibleErrors} change={change} /> : null}
          {step === 'review' ? (
            <Box>
              <Typography sx={{ mb: 1 }}>
                Attest will create this {campaignTypeLabel(form.type).toLowerCase()} campaign with exactly this request body (createCampaign). ISC then generates its
                certifications, which can take a while; you will follow it on the next page.
              </Typography>
              <RequestBody body={body} />
              {create.isError ? (
                <Alert severity="error" sx={{ mt: 2 }}>
                  <AlertTitle>The campaign was not created</AlertTitle>
                  {create.error.message} {isApiError(create.error) ? create.error.advice : 'Try again.'}
                  {isApiError(create.error) && create.error.status === 400 ? ' Nothing was created; correct the field it names and create again.' : null}
                </Alert>
              ) : null}
            </Box>
          ) : null}
        </WizardFrame>
      </PageContainer>
    </LocalizationProvider>
  );
}
