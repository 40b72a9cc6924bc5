import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import SortIcon from '@mui/icons-material/Sort';
import { isolate } from '../../../../components/TenantText';
import { SCOPE_ALL } from '../dialogs/summary';
import type { AccessType } from '../items';
import { ACCESS_TYPE_LABELS } from './clientItems';
import { DebouncedTextField } from './DebouncedTextField';
import { ACCESS_TYPES, QUICK_FILTERS, type ItemViewController, type QuickFilter } from './useItemViewState';

export const QUICK_FILTER_LABELS: Record<QuickFilter, string> = {
  undecided: 'Undecided',
  new: 'New access',
  privileged: 'Privileged',
};

/** Whether the view has any filter or order the reviewer set (for "Clear filters"). */
export function hasFilters(view: Pick<ItemViewController, 'search' | 'accessType' | 'source' | 'quick' | 'order'>): boolean {
  return Boolean(view.search || view.accessType || view.source || view.quick || view.order);
}

/** The view's filters in words, for confirmations ("everything matching …") and captions. */
export function describeView(view: Pick<ItemViewController, 'search' | 'accessType' | 'source' | 'quick'>, identityName?: string): string {
  const parts: string[] = [];
  if (view.quick === 'undecided') parts.push('undecided');
  if (view.quick === 'new') parts.push('new access');
  if (view.quick === 'privileged') parts.push('privileged');
  if (view.accessType) parts.push(ACCESS_TYPE_LABELS[view.accessType].toLowerCase());
  if (view.search.trim()) parts.push(`access name starts with “${isolate(view.search.trim())}”`);
  if (view.source.trim()) parts.push(`source starts with “${isolate(view.source.trim())}”`);
  if (identityName) parts.push(`of ${isolate(identityName)}`);
  return parts.length ? `Items: ${parts.join(', ')}` : SCOPE_ALL;
}

/** Unselected toggle buttons in the secondary text colour: MUI's default (action.active) is 4.49:1 on the page background. */
export const toggleContrast = { '& .MuiToggleButton-root:not(.Mui-selected), &.MuiToggleButton-root:not(.Mui-selected)': { color: 'text.secondary' } } as const;

/** Search, filters, quick filters and the risk order; every change goes to the URL. */
export function ItemGridToolbar({ view }: { view: ItemViewController }) {
  return (
    <Stack direction="row" role="search" aria-label="Filter items" sx={{ flexWrap: 'wrap', gap: 1.5, alignItems: 'center', mb: 1.5 }}>
      <DebouncedTextField
        label="Search access"
        type="search"
        size="small"
        value={view.search}
        onCommit={view.setSearch}
        sx={{ width: { xs: '100%', sm: 220 } }}
      />
      <TextField
        select
        label="Access type"
        size="small"
        value={view.accessType ?? ''}
        onChange={(event) => view.setAccessType((event.target.value as AccessType) || null)}
        sx={{ width: { xs: 'calc(50% - 6px)', sm: 170 } }}
      >
        <MenuItem value="">All types</MenuItem>
        {ACCESS_TYPES.map((type) => (
          <MenuItem key={type} value={type}>{ACCESS_TYPE_LABELS[type]}</MenuItem>
        ))}
      </TextField>
      <DebouncedTextField label="Source" type="search" size="small" value={view.source} onCommit={view.setSource} sx={{ width: { xs: 'calc(50% - 6px)', sm: 170 } }} />
      <ToggleButtonGroup
        exclusive
        size="small"
        color="primary"
        aria-label="Quick filter"
        value={view.quick ?? null}
        onChange={(_event, value: QuickFilter | null) => view.setQuick(value)}
        sx={toggleContrast}
      >
        {QUICK_FILTERS.map((quick) => (
          <ToggleButton key={quick} value={quick}>{QUICK_FILTER_LABELS[quick]}</ToggleButton>
        ))}
      </ToggleButtonGroup>
      <ToggleButton
        value="risk"
        size="small"
        color="primary"
        selected={view.order === 'risk'}
        onChange={() => view.setOrder(view.order === 'risk' ? null : 'risk')}
        sx={toggleContrast}
      >
        <SortIcon fontSize="small" sx={{ mr: 0.5 }} aria-hidden />
        Order by risk
      </ToggleButton>
      {hasFilters(view) ? (
        <Button size="small" onClick={view.clearFilters}>Clear filters</Button>
      ) : null}
    </Stack>
  );
}
