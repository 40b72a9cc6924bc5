import { useState, type Ref } from 'react';
import { queryOptions, useQuery } from '@tanstack/react-query';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useDebounce } from 'use-debounce';
import { isApiError } from '../api/errors';
import { f } from '../api/filters';
import { getPublicIdentities } from '../api/lookups';
import { searchIdentities } from '../api/search';

/** A person found by the look-up, or an identity id pasted as is. */
export type IdentityChoice = { kind: 'identity'; id: string; name: string; email: string | null } | { kind: 'id'; id: string };

/** An ISC identity id: 32 hex digits, or a UUID. */
export function isIdentityId(text: string): boolean {
  return /^[0-9a-f]{32}$/i.test(text) || /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text);
}

/** Look-ups start at this many characters: fewer would match most of the tenant. */
export const LOOKUP_MIN_LENGTH = 2;
const LOOKUP_LIMIT = 20;

/** The public-identities filter for what a person typed: "morg re" is first and last name, one word any of the name fields. */
function publicFilter(text: string) {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (words.length > 1) return f.and<'firstname' | 'lastname'>(f.sw('firstname', words[0]!), f.sw('lastname', words.slice(1).join(' ')));
  const word = words[0] ?? '';
  return f.or<'firstname' | 'lastname' | 'email' | 'alias'>(f.sw('firstname', word), f.sw('lastname', word), f.sw('email', word), f.sw('alias', word));
}

export const identityLookupQueries = {
  /** getPublicIdentities: open to every signed-in user, so it works for every reviewer. */
  public: (text: string) =>
    queryOptions({
      queryKey: ['identities', 'lookup', 'public', text] as const,
      queryFn: async ({ signal }): Promise<IdentityChoice[]> =>
        (await getPublicIdentities({ filters: publicFilter(text), limit: LOOKUP_LIMIT, sorters: ['name'] }, { signal })).items.map((i) => ({
          kind: 'identity',
          id: i.id,
          name: i.name || i.alias || i.id,
          email: i.email ?? null,
        })),
      enabled: text.length >= LOOKUP_MIN_LENGTH,
      staleTime: 60_000,
    }),
  /** v3 search: finds more (display names, any word), where the token has a search scope. */
  search: (text: string) =>
    queryOptions({
      queryKey: ['identities', 'lookup', 'search', text] as const,
      queryFn: async ({ signal }): Promise<IdentityChoice[]> =>
        (await searchIdentities(text, { limit: LOOKUP_LIMIT, signal })).map((d) => ({ kind: 'identity', id: d.id, name: d.displayName || d.name, email: d.email ?? null })),
      enabled: text.length >= LOOKUP_MIN_LENGTH,
      staleTime: 60_000,
      retry: false,
    }),
};

/**
 * Finds a person by name or email: the public identities first (every user may), v3 search where the token
 * allows it (a refusal is not an error, the public look-up stands), a pasted identity id as the last resort.
 */
export function IdentityPicker(props: {
  value: IdentityChoice | null;
  onChange(value: IdentityChoice | null): void;
  label: string;
  /** Left out of the options (e.g. the current reviewer). */
  excludeId?: string;
  /** Shown under the field, as an error. */
  error?: string | null;
  disabled?: boolean;
  inputRef?: Ref<HTMLInputElement>;
}) {
  const { value, onChange, excludeId } = props;
  const [inputValue, setInputValue] = useState('');
  const [searchText, setSearchText] = useState('');
  const [settled] = useDebounce(searchText.trim(), 250);
  const publicLookup = useQuery(identityLookupQueries.public(settled));
  const search = useQuery(identityLookupQueries.search(settled));
  const typed = searchText.trim();
  const searching = typed.length >= LOOKUP_MIN_LENGTH && (typed !== settled || publicLookup.isFetching || search.isFetching);
  const seen = new Set<string>();
  const found: IdentityChoice[] = [];
  if (settled.length >= LOOKUP_MIN_LENGTH) {
    for (const choice of [...(publicLookup.data ?? []), ...(search.data ?? [])]) {
      if (choice.id === excludeId || seen.has(choice.id)) continue;
      seen.add(choice.id);
      found.push(choice);
    }
  }
  const options: IdentityChoice[] = [...found, ...(isIdentityId(typed) && !seen.has(typed) ? [{ kind: 'id', id: typed } as const] : [])];
  // The chosen value stays an option, so the field can show it while new results load.
  if (value && !options.some((o) => o.kind === value.kind && o.id === value.id)) options.unshift(value);

  // Search refused for this token (403) is expected: only a failure of both look-ups is worth saying.
  const searchRefused = search.isError && isApiError(search.error) && search.error.status === 403;
  const lookupError =
    publicLookup.isError && (search.isError || !search.data)
      ? `Couldn't look people up: ${publicLookup.error.message} ${isApiError(publicLookup.error) ? publicLookup.error.advice : 'Try again.'} You can still paste an identity id.`
      : null;
  const noOptionsText =
    typed.length < LOOKUP_MIN_LENGTH
      ? `Type ${LOOKUP_MIN_LENGTH} or more letters of a name or email, or paste an identity id.`
      : `No one matches “${typed}”. Check the spelling, or paste their identity id.`;

  return (
    <Autocomplete<IdentityChoice>
      value={value}
      onChange={(_, next) => onChange(next)}
      inputValue={inputValue}
      onInputChange={(_, text, reason) => {
        setInputValue(text);
        // Only what the person types is looked up, not the chosen name written back into the field.
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
            <Box sx={{ minWidth: 0, overflowWrap: 'anywhere' }}>
              <Typography variant="body2"><bdi>{option.name}</bdi></Typography>
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
          label={props.label}
          inputRef={props.inputRef}
          required
          placeholder="Name, email or identity id"
          error={Boolean(props.error || lookupError)}
          helperText={
            props.error ||
            lookupError ||
            (value?.kind === 'identity' && value.email
              ? value.email
              : searchRefused
                ? 'Search by first or last name or email, or paste an identity id.'
                : 'Search by name or email, or paste an identity id.')
          }
        />
      )}
    />
  );
}
