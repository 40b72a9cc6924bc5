import type { ReactNode } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import IconButton from '@mui/material/IconButton';
import InputLabel from '@mui/material/InputLabel';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Select from '@mui/material/Select';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import DeleteIcon from '@mui/icons-material/Delete';
import { DateTimePicker } from '@mui/x-date-pickers/DateTimePicker';
import { CampaignType, MandatoryCommentRequirement } from '../../api/schemas';
import { CAMPAIGN_TYPE_LABELS } from '../campaignLabels';
import { MAX_ACCESS_CONSTRAINTS, type AccessConstraintForm, type CampaignForm, type FormErrors } from './form';
import { accessProfileLookup, IdPicker, identityLookup, roleLookup, sourceLookup } from './pickers';

export interface StepProps {
  form: CampaignForm;
  errors: FormErrors;
  change: (changes: Partial<CampaignForm>) => void;
}

const TYPE_DESCRIPTIONS: Record<CampaignType, string> = {
  MANAGER: 'Each manager certifies the access of their direct reports. Identities without a manager are left out.',
  SOURCE_OWNER: 'Each source’s owner certifies the accounts and entitlements on that source.',
  SEARCH: 'Identities chosen by a search query or picked one by one, optionally narrowed to some access, reviewed by one reviewer or their managers.',
  ROLE_COMPOSITION: 'Role owners certify what each role contains; revocations go to a remediator.',
  MACHINE_ACCOUNT: 'Owners of machine accounts on the chosen sources certify them.',
};

export function TypeStep({ form, change }: StepProps) {
  return (
    <FormControl>
      <FormLabel id="campaign-type">Campaign type</FormLabel>
      <RadioGroup aria-labelledby="campaign-type" value={form.type} onChange={(e) => change({ type: e.target.value as CampaignType })}>
        {CampaignType.options.map((type) => (
          <FormControlLabel
            key={type}
            value={type}
            control={<Radio />}
            sx={{ alignItems: 'flex-start', my: 0.5, '& .MuiRadio-root': { pt: 0.5 } }}
            label={
              <Box>
                <Typography>{CAMPAIGN_TYPE_LABELS[type]}</Typography>
                <Typography variant="body2" color="text.secondary">{TYPE_DESCRIPTIONS[type]}</Typography>
              </Box>
            }
          />
        ))}
      </RadioGroup>
    </FormControl>
  );
}

/** Name, description and deadline; a template passes its own `deadlineField` (a duration) and `nameHelp` (placeholders). */
export function BasicsStep({ form, errors, change, deadlineField, nameHelp }: StepProps & { deadlineField?: ReactNode; nameHelp?: ReactNode }) {
  return (
    <Stack sx={{ gap: 3, maxWidth: 640 }}>
      <TextField label="Name" required value={form.name} onChange={(e) => change({ name: e.target.value })} error={Boolean(errors.name)} helperText={errors.name ?? nameHelp ?? 'Reviewers see it in their list of certifications.'} />
      <TextField
        label="Description"
        required
        multiline
        minRows={2}
        value={form.description}
        onChange={(e) => change({ description: e.target.value })}
        error={Boolean(errors.description)}
        helperText={errors.description ?? 'What is certified and why; shown to reviewers.'}
      />
      {deadlineField ?? <DateTimePicker
        label="Deadline"
        value={form.deadline ? new Date(form.deadline) : null}
        onChange={(value) => change({ deadline: value && !Number.isNaN(value.getTime()) ? value.toISOString() : value ? 'invalid' : null })}
        disablePast
        slotProps={{
          textField: {
            error: Boolean(errors.deadline),
            helperText: errors.deadline ?? 'Tomorrow or later, in your time zone: ISC cannot activate a campaign due today.',
          },
        }}
      />}
    </Stack>
  );
}

function FilterField({ form, errors, change }: StepProps) {
  return (
    <TextField
      label="Campaign filter id (optional)"
      value={form.filterId}
      onChange={(e) => change({ filterId: e.target.value })}
      error={Boolean(errors.filterId)}
      helperText={errors.filterId ?? 'Leave blank for the tenant’s default filter. Campaign filters are not in ISC’s v3 API: copy the id from Admin > Certifications > Campaign Filters.'}
    />
  );
}

function ReviewerFields({ form, errors, change, optionalNote }: StepProps & { optionalNote: string }) {
  return (
    <Stack direction={{ xs: 'column', sm: 'row' }} sx={{ gap: 2 }}>
      <FormControl sx={{ minWidth: 200 }}>
        <InputLabel id="reviewer-type">Reviewer type</InputLabel>
        <Select labelId="reviewer-type" label="Reviewer type" value={form.reviewerType} onChange={(e) => change({ reviewerType: e.target.value as CampaignForm['reviewerType'], reviewerId: '' })}>
          <MenuItem value="IDENTITY">Identity</MenuItem>
          <MenuItem value="GOVERNANCE_GROUP">Governance group</MenuItem>
        </Select>
      </FormControl>
      <Box sx={{ flex: 1 }}>
        <IdPicker
          key={form.reviewerType}
          label="Reviewer (optional)"
          ids={form.reviewerId ? [form.reviewerId] : []}
          names={form.names}
          onChange={(ids, names) => change({ reviewerId: ids[0] ?? '', names })}
          lookup={form.reviewerType === 'IDENTITY' ? identityLookup : null}
          noLookupReason="Governance groups have no look-up in ISC’s v3 API: paste the group’s id. Their certifications cannot be worked through the API."
          error={errors.reviewerId}
          helperText={optionalNote}
        />
      </Box>
    </Stack>
  );
}

function AccessConstraints({ form, errors, change }: StepProps) {
  const constraints = form.accessConstraints;
  const set = (index: number, next: Partial<AccessConstraintForm>) =>
    change({ accessConstraints: constraints.map((c, i) => (i === index ? { ...c, ...next } : c)) });
  return (
    <Stack sx={{ gap: 2, border: 0, p: 0, m: 0, minWidth: 0 }} component="fieldset" aria-describedby="constraints-help">
      <Typography component="legend" variant="subtitle1">Access constraints</Typography>
      <Typography id="constraints-help" variant="body2" color="text.secondary">
        Narrow the campaign to identities with this access (all of a kind, or selected ones); at most {MAX_ACCESS_CONSTRAINTS.toLocaleString()}.
        Entitlements granted through an access profile or role are only included if that profile or role is selected.
      </Typography>
      {constraints.map((c, index) => (
        <Paper key={index} variant="outlined" sx={{ p: 2 }}>
          <Stack direction={{ xs: 'column', md: 'row' }} sx={{ gap: 2, alignItems: { md: 'flex-start' } }}>
            <FormControl sx={{ minWidth: 170 }}>
              <InputLabel id={`constraint-type-${index}`}>Access type</InputLabel>
              <Select labelId={`constraint-type-${index}`} label="Access type" value={c.type} onChange={(e) => set(index, { type: e.target.value as AccessConstraintForm['type'], ids: [] })}>
                <MenuItem value="ENTITLEMENT">Entitlements</MenuItem>
                <MenuItem value="ACCESS_PROFILE">Access profiles</MenuItem>
                <MenuItem value="ROLE">Roles</MenuItem>
              </Select>
            </FormControl>
            <FormControl sx={{ minWidth: 150 }}>
              <InputLabel id={`constraint-op-${index}`}>Which</InputLabel>
              <Select labelId={`constraint-op-${index}`} label="Which" value={c.operator} onChange={(e) => set(index, { operator: e.target.value as AccessConstraintForm['operator'], ids: [] })}>
                <MenuItem value="ALL">All</MenuItem>
                <MenuItem value="SELECTED">Selected</MenuItem>
              </Select>
            </FormControl>
            {c.operator === 'SELECTED' ? (
              <Box sx={{ flex: 1 }}>
                <IdPicker
                  key={c.type}
                  label={c.type === 'ENTITLEMENT' ? 'Entitlements' : c.type === 'ROLE' ? 'Roles' : 'Access profiles'}
                  multiple
                  ids={c.ids}
                  names={form.names}
                  onChange={(ids, names) => change({ accessConstraints: constraints.map((x, i) => (i === index ? { ...x, ids } : x)), names })}
                  lookup={c.type === 'ROLE' ? roleLookup : c.type === 'ACCESS_PROFILE' ? accessProfileLookup : null}
                  noLookupReason="ISC’s v3 look-ups Attest uses have no entitlement list: paste entitlement ids."
                />
              </Box>
            ) : (
              <Box sx={{ flex: 1 }} />
            )}
            <IconButton aria-label={`Remove constraint ${index + 1}`} onClick={() => change({ accessConstraints: constraints.filter((_, i) => i !== index) })}>
              <DeleteIcon />
            </IconButton>
          </Stack>
        </Paper>
      ))}
      {errors.accessConstraints ? <FormHelperText error>{errors.accessConstraints}</FormHelperText> : null}
      <Box>
        <Button
          variant="outlined"
          disabled={constraints.length >= MAX_ACCESS_CONSTRAINTS}
          onClick={() => change({ accessConstraints: [...constraints, { type: 'ACCESS_PROFILE', operator: 'SELECTED', ids: [] }] })}
        >
          Add access constraint
        </Button>
      </Box>
    </Stack>
  );
}

export function ScopeStep(props: StepProps) {
  const { form, errors, change } = props;
  switch (form.type) {
    case 'MANAGER':
      return (
        <Stack sx={{ gap: 3, maxWidth: 720 }}>
          <Typography>
            Every manager certifies the access of their direct reports, as the managers are when the campaign generates. Identities without a manager are left out:
            check the <em>Identities Without Managers</em> report first, or certify them with a search campaign.
          </Typography>
          <FilterField {...props} />
        </Stack>
      );
    case 'SOURCE_OWNER':
    case 'MACHINE_ACCOUNT':
      return (
        <Stack sx={{ gap: 3, maxWidth: 720 }}>
          <IdPicker
            label="Sources"
            multiple
            ids={form.sourceIds}
            names={form.names}
            onChange={(ids, names) => change({ sourceIds: ids, names })}
            lookup={sourceLookup}
            error={errors.sourceIds}
            helperText={form.type === 'SOURCE_OWNER' ? 'Each source’s configured owner reviews it: check the owners first.' : 'The owners of machine accounts on these sources review them.'}
          />
          {form.type === 'SOURCE_OWNER' ? (
            <>
              <FormControlLabel
                control={<Switch checked={form.uncorrelated} onChange={(e) => change({ uncorrelated: e.target.checked })} />}
                label="Review uncorrelated accounts (accounts not linked to an identity) instead of correlated ones"
              />
              <FilterField {...props} />
            </>
          ) : (
            <TextField label="Reviewer type" value="Account owner (ACCOUNT_OWNER)" slotProps={{ input: { readOnly: true } }} helperText="The only reviewer type ISC offers for machine account campaigns." />
          )}
        </Stack>
      );
    case 'SEARCH':
      return (
        <Stack sx={{ gap: 3, maxWidth: 900 }}>
          <FormControl>
            <FormLabel id="search-type">What is reviewed</FormLabel>
            <RadioGroup row aria-labelledby="search-type" value={form.searchType} onChange={(e) => change({ searchType: e.target.value as CampaignForm['searchType'] })}>
              <FormControlLabel value="IDENTITY" control={<Radio />} label="Identities and their access" />
              <FormControlLabel value="ACCESS" control={<Radio />} label="Access items" />
            </RadioGroup>
          </FormControl>
          <FormControl>
            <FormLabel id="search-scope">Which identities</FormLabel>
            <RadioGroup aria-labelledby="search-scope" value={form.searchScope} onChange={(e) => change({ searchScope: e.target.value as CampaignForm['searchScope'] })}>
              <FormControlLabel value="identities" control={<Radio />} label="Specific identities that I pick" />
              <FormControlLabel value="query" control={<Radio />} label="All identities returned by a search query" />
            </RadioGroup>
          </FormControl>
          {form.searchScope === 'query' ? (
            <TextField
              label="Search query"
              value={form.searchQuery}
              onChange={(e) => change({ searchQuery: e.target.value })}
              error={Boolean(errors.searchQuery)}
              helperText={errors.searchQuery ?? 'ISC search syntax, e.g. attributes.department:"Sales". The campaign covers the identities it returns and those with access it returns.'}
            />
          ) : (
            <IdPicker
              label="Identities"
              multiple
              ids={form.identityIds}
              names={form.names}
              onChange={(ids, names) => change({ identityIds: ids, names })}
              lookup={identityLookup}
              error={errors.identityIds}
            />
          )}
          <AccessConstraints {...props} />
          <ReviewerFields {...props} optionalNote="Leave blank to have each identity’s manager review; identities without a manager then go to the campaign owner." />
          <TextField
            label="Search description (optional)"
            value={form.searchDescription}
            onChange={(e) => change({ searchDescription: e.target.value })}
            helperText="Kept with the campaign, e.g. the query used and how many identities it found."
          />
        </Stack>
      );
    case 'ROLE_COMPOSITION':
      return (
        <Stack sx={{ gap: 3, maxWidth: 900 }}>
          <FormControl>
            <FormLabel id="role-scope">Which roles</FormLabel>
            <RadioGroup aria-labelledby="role-scope" value={form.roleScope} onChange={(e) => change({ roleScope: e.target.value as CampaignForm['roleScope'] })}>
              <FormControlLabel value="all" control={<Radio />} label="All roles" />
              <FormControlLabel value="ids" control={<Radio />} label="Roles that I pick" />
              <FormControlLabel value="query" control={<Radio />} label="Roles returned by a search query" />
            </RadioGroup>
          </FormControl>
          {form.roleScope === 'ids' ? (
            <IdPicker label="Roles" multiple ids={form.roleIds} names={form.names} onChange={(ids, names) => change({ roleIds: ids, names })} lookup={roleLookup} error={errors.roleIds} />
          ) : null}
          {form.roleScope === 'query' ? (
            <TextField label="Role query" value={form.roleQuery} onChange={(e) => change({ roleQuery: e.target.value })} error={Boolean(errors.roleQuery)} helperText={errors.roleQuery ?? 'ISC search syntax over roles.'} />
          ) : null}
          <IdPicker
            label="Remediator"
            ids={form.remediatorId ? [form.remediatorId] : []}
            names={form.names}
            onChange={(ids, names) => change({ remediatorId: ids[0] ?? '', names })}
            lookup={identityLookup}
            error={errors.remediatorId}
            helperText="Receives a remediation task for each revocation. Must be a Role Admin or an Org Admin: ISC refuses anyone else when the campaign is created."
          />
          <ReviewerFields {...props} optionalNote="Leave blank to have each role’s owner review it." />
          <TextField label="Role description (optional)" value={form.roleDescription} onChange={(e) => change({ roleDescription: e.target.value })} helperText="Kept with the campaign, e.g. the query used and how many roles it found." />
        </Stack>
      );
  }
}

const COMMENT_LABELS: Record<MandatoryCommentRequirement, string> = {
  NO_DECISIONS: 'Not required',
  REVOKE_ONLY_DECISIONS: 'Required for revocations',
  ALL_DECISIONS: 'Required for every decision',
};

export function OptionsStep({ form, change }: StepProps) {
  const toggle = (field: 'emailNotificationEnabled' | 'autoRevokeAllowed' | 'recommendationsEnabled' | 'sunsetCommentsRequired', label: string, help: string) => (
    <Box>
      <FormControlLabel control={<Switch checked={form[field]} onChange={(e) => change({ [field]: e.target.checked })} />} label={label} />
      <Typography variant="body2" color="text.secondary" sx={{ ml: 6 }}>{help}</Typography>
    </Box>
  );
  return (
    <Stack sx={{ gap: 2, maxWidth: 720 }}>
      {toggle('emailNotificationEnabled', 'Email notifications', 'Reviewers get an email at activation and every 7 days until they sign off.')}
      {toggle('autoRevokeAllowed', 'Auto-revoke', 'Access left undecided may be revoked automatically when the campaign ends.')}
      {toggle('recommendationsEnabled', 'Recommendations', 'Show ISC’s AI recommendations (approve or revoke) to reviewers.')}
      {toggle('sunsetCommentsRequired', 'Comments on sunset dates', 'Reviewers who change an access end date must say why.')}
      <FormControl sx={{ maxWidth: 360, mt: 1 }}>
        <InputLabel id="comment-requirement">Reviewer comments</InputLabel>
        <Select
          labelId="comment-requirement"
          label="Reviewer comments"
          value={form.mandatoryCommentRequirement}
          onChange={(e) => change({ mandatoryCommentRequirement: e.target.value as MandatoryCommentRequirement })}
        >
          {MandatoryCommentRequirement.options.map((value) => (
            <MenuItem key={value} value={value}>{COMMENT_LABELS[value]}</MenuItem>
          ))}
        </Select>
      </FormControl>
    </Stack>
  );
}
