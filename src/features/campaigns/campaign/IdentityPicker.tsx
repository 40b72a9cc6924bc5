import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import Autocomplete from '@mui/material/Autocomplete';
import TextField from '@mui/material/TextField';
import { useDebounce } from 'use-debounce';
import { searchIdentities, type IdentityDocument } from '../../../api/search';

const MIN_LENGTH = 2;

/** An ISC identity id: 32 hex digits, or a UUID. */
const isIdentityId = (text: string) => /^[0-9a-f]{32}$/i.test(text) || /^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i.test(text);

export interface PickedIdentity {
  id: string;
  name: string;
}

/** Finds an identity by name or email (ISC search), or takes a pasted identity id when search is not allowed. */
export function IdentityPicker({ value, onChange, label, excludeId }: { value: PickedIdentity | null; onChange: (value: PickedIdentity | null) => void; label: string; excludeId?: string }) {
  const [text, setText] = useState('');
  const [settled] = useDebounce(text.trim(), 250);
  const search = useQuery({
    queryKey: ['identities', 'search', settled] as const,
    queryFn: ({ signal }) => searchIdentities(settled, { limit: 20, signal }),
    enabled: settled.length >= MIN_LENGTH,
    staleTime: 60_000,
  });
  const found: PickedIdentity[] = (search.data ?? []).filter((d: IdentityDocument) => d.id !== excludeId).map((d) => ({ id: d.id, name: d.displayName || d.name }));
  const options = [...found, ...(isIdentityId(text.trim()) && !found.some((o) => o.id === text.trim()) ? [{ id: text.trim(), name: `Identity id ${text.trim()}` }] : [])];
  if (value && !options.some((o) => o.id === value.id)) options.unshift(value);
  return (
    <Autocomplete<PickedIdentity>
      value={value}
      onChange={(_, next) => onChange(next)}
      onInputChange={(_, next, reason) => reason === 'input' && setText(next)}
      options={options}
      filterOptions={(all) => all}
      getOptionLabel={(o) => o.name}
      getOptionKey={(o) => o.id}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      loading={search.isFetching}
      noOptionsText={text.trim().length < MIN_LENGTH ? 'Type 2 or more letters of a name or email, or paste an identity id.' : 'No one matches. Paste their identity id instead.'}
      renderInput={(params) => (
        <TextField
          {...params}
          label={label}
          required
          error={search.isError}
          helperText={search.isError ? `Couldn't search (${search.error.message}); paste an identity id instead.` : 'Search by name or email, or paste an identity id.'}
        />
      )}
    />
  );
}
