import { useState, type Ref } from 'react';
import { useQuery } from '@tanstack/react-query';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { isApiError } from '../../../../api/errors';
import { identityQueries, SEARCH_MIN_LENGTH, useDebouncedValue } from './queries';

/** The new reviewer: a person found by the search, or an identity id pasted as is. */
export type ReviewerChoice =
  | { kind: 'identity'; id: string; name: string; email: string | null }
  | { kind: 'id'; id: string };

/** An ISC identity id: 32 hex digits, or a UUID. */
export function isIdentityId(text: string): boolean {
  return /^[0-9a-f]{32}$/i.test(text) || /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text);
}

const SEARCH_DEBOUNCE_MS = 250;

/**
 * Finds the new reviewer by name or email (ISC search, debounced, the current reviewer left out), or takes
 * a pasted identity id through a "Use identity id" option.
 */
export function ReviewerPicker(props: {
  value: ReviewerChoice | null;
  onChange(value: ReviewerChoice | null): void;
  currentReviewerId: string;
  /** Shown under the field, as an error. */
  error?: string | null;
  disabled?: boolean;
  inputRef?: Ref<HTMLInputElement>;
}) {
  const { value, onChange, currentReviewerId } = props;
  const [inputValue, setInputValue] = useState('');
  const [searchText, setSearchText] = useState('');
  const settled = useDebouncedValue(searchText.trim(), SEARCH_DEBOUNCE_MS);
  const search = useQuery(identityQueries.search(settled));
  const pasted = searchText.trim();
  const searching = pasted.length >= SEARCH_MIN_LENGTH && (pasted !== settled || search.isFetching);
  const found: ReviewerChoice[] = settled.length >= SEARCH_MIN_LENGTH
    ? (search.data ?? [])
        .filter((doc) => doc.id !== currentReviewerId)
        .map((doc) => ({ kind: 'identity', id: doc.id, name: doc.displayName || doc.name, email: doc.email ?? null }))
    : [];
  const options: ReviewerChoice[] = [
    ...found,
    ...(isIdentityId(pasted) ? [{ kind: 'id', id: pasted } as const] : []),
  ];
  // The chosen value stays an option, so the field can show it while new results load.
  if (value && !options.some((o) => o.kind === value.kind && o.id === value.id)) options.unshift(value);

  const searchError = search.isError
    ? `Couldn't search: ${search.error.message} ${isApiError(search.error) ? search.error.advice : 'Try again.'} You can still paste an identity id.`
    : null;
  const noOptionsText =
    pasted.length < SEARCH_MIN_LENGTH
      ? `Type ${SEARCH_MIN_LENGTH} or more letters of a name or email, or paste an identity id.`
      : `No one matches “${pasted}”. Check the spelling, or paste their identity id.`;

  return (
    <Autocomplete<ReviewerChoice>
      value={value}
      onChange={(_, next) => onChange(next)}
      inputValue={inputValue}
      onInputChange={(_, text, reason) => {
        setInputValue(text);
        // Only what the person types is searched, not the chosen reviewer's name written back into the field.
        if (reason === 'input' || reason === 'clear') setSearchText(reason === 'input' ? text : '');
      }}
      options={options}
      filterOptions={(all) => all}
      getOptionLabel={(option) => (option.kind === 'identity' ? option.name : option.id)}
      getOptionKey={(option) => `${option.kind}:${option.id}`}
      isOptionEqualToValue={(option, chosen) => option.kind === chosen.kind && option.id === chosen.id}
      loading={searching}
      loadingText="Searching…"
      noOptionsText={noOptionsText}
      autoHighlight
      disabled={props.disabled}
      renderOption={({ key, ...optionProps }, option) => (
        <Box component="li" key={key} {...optionProps}>
          {option.kind === 'identity' ? (
            <Box>
              <Typography variant="body2">{option.name}</Typography>
              <Typography variant="caption" color="text.secondary">{option.email ?? 'No email address'}</Typography>
            </Box>
          ) : (
            <Typography variant="body2">Use identity id {option.id}</Typography>
          )}
        </Box>
      )}
      renderInput={(params) => (
        <TextField
          {...params}
          label="New reviewer"
          inputRef={props.inputRef}
          required
          placeholder="Name, email or identity id"
          error={Boolean(props.error || searchError)}
          helperText={props.error || searchError || (value?.kind === 'identity' && value.email ? value.email : 'Search by name or email, or paste an identity id.')}
        />
      )}
    />
  );
}
