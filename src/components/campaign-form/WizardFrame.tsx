import type { ReactNode } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Step from '@mui/material/Step';
import StepLabel from '@mui/material/StepLabel';
import Stepper from '@mui/material/Stepper';
import Typography from '@mui/material/Typography';

interface WizardFrameProps {
  steps: readonly { key: string; label: string }[];
  active: number;
  /** Steps whose fields were shown and still have errors. */
  failed: (key: string) => boolean;
  /** Cancel on the first step, Back after it. */
  onBack: () => void;
  onNext: () => void;
  /** The last step's action. */
  submit: { label: string; pendingLabel: string; pending: boolean; onSubmit: () => void };
  children: ReactNode;
}

/** The frame of the campaign and template wizards: the stepper, the step's heading, its content, Back/Next. */
export function WizardFrame({ steps, active, failed, onBack, onNext, submit, children }: WizardFrameProps) {
  const last = active === steps.length - 1;
  return (
    <>
      <Stepper activeStep={active} alternativeLabel sx={{ mb: 3, display: { xs: 'none', sm: 'flex' } }}>
        {steps.map((s, index) => (
          <Step key={s.key} completed={index < active && !failed(s.key)}>
            <StepLabel error={failed(s.key)} optional={failed(s.key) ? <Typography variant="caption" color="error">Needs attention</Typography> : undefined}>{s.label}</StepLabel>
          </Step>
        ))}
      </Stepper>
      <Paper variant="outlined" sx={{ p: { xs: 2, md: 3 } }} component="section" aria-labelledby="wizard-step-title">
        <Typography variant="h5" component="h2" id="wizard-step-title" sx={{ mb: 2 }}>
          Step {active + 1} of {steps.length}: {steps[active]!.label}
        </Typography>
        {children}
        <Box sx={{ display: 'flex', gap: 1, mt: 3, justifyContent: 'space-between', flexWrap: 'wrap' }}>
          <Button onClick={onBack} disabled={submit.pending}>{active === 0 ? 'Cancel' : 'Back'}</Button>
          {last ? (
            <Button variant="contained" onClick={submit.onSubmit} disabled={submit.pending}>{submit.pending ? submit.pendingLabel : submit.label}</Button>
          ) : (
            <Button variant="contained" onClick={onNext}>Next</Button>
          )}
        </Box>
      </Paper>
    </>
  );
}

/** The exact request body a wizard will send, readable and scrollable by keyboard. */
export function RequestBody({ body }: { body: unknown }) {
  return (
    <Box
      component="pre"
      tabIndex={0}
      aria-label="Request body"
      sx={{ p: 2, bgcolor: 'action.hover', borderRadius: 1, overflow: 'auto', maxHeight: 420, fontSize: 13, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}
    >
      {JSON.stringify(body, null, 2)}
    </Box>
  );
}
