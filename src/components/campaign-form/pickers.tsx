import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useDebounce } from 'use-debounce';
import { isApiError } from '../../api/errors';
import { f } from '../../api/filters';
import { getPublicIdentities, listAccessProfiles, listRoles, listSources } from '../../api/lookups';
import { LOOKUP_LEVELS, mayLookUp, type LookupOperation } from '../../api/rules';
import { useSession } from '../../api/session';
import { parseIds } from './form';

/** One thing a picker offers: its id, what a person reads, and a hint under it. */
export interface LookupOption {
  id: string;
  label: string;
  secondary?: string;
}

export interface PickerLookup {
  operation: LookupOperation;
  search: (text: string, signal: AbortSignal) => Promise<LookupOption[]>;
}

const HEX32 = /^[0-9a-f]{32}$/i;

/** Identities by first and last name, email, alias or id (getPublicIdentities: any signed-in user). */
export const identityLookup: PickerLookup = {
  operation: 'getPublicIdentities',
  search: async (text, signal) => {
    const words = text.trim().split(/\s+/).filter(Boolean);
    const filters = HEX32.test(text.trim())
      ? f.eq('id', text.trim())
      : words.length >= 2
        ? f.and(f.sw('firstname', words[0]!), f.sw('lastname', words.slice(1).join(' ')))
        : f.or(f.sw('firstname', words[0] ?? ''), f.sw('lastname', words[0] ?? ''), f.sw('email', words[0] ?? ''), f.sw('alias', words[0] ?? ''));
    const page = await getPublicIdentities({ filters, sorters: ['name'], limit: 20 }, { signal });
    return page.items.map((i) => ({ id: i.id, label: i.name ?? i.alias ?? i.id, secondary: i.email ?? undefined }));
  },
};

export const sourceLookup: PickerLookup = {
  operation: 'listSources',
  search: async (text, signal) => {
    const page = await listSources({ filters: text.trim() ? f.co('name', text.trim()) : undefined, sorters: ['name'], limit: 20 }, { signal });
    return page.items.map((s) => ({ id: s.id, label: s.name, secondary: [s.connectorName ?? s.type, s.owner?.name && `owner ${s.owner.name}`].filter(Boolean).join(' · ') }));
  },
};

export const roleLookup: PickerLookup = {
  operation: 'listRoles',
  search: async (text, signal) => {
    const page = await listRoles({ filters: text.trim() ? f.sw('name', text.trim()) : undefined, sorters: ['name'], limit: 20 }, { signal });
    return page.items.map((r) => ({ id: r.id, label: r.name, secondary: r.owner?.name ? `owner ${r.owner.name}` : undefined }));
  },
};

export const accessProfileLookup: PickerLookup = {
  operation: 'listAccessProfiles',
  search: async (text, signal) => {
    const page = await listAccessProfiles({ filters: text.trim() ? f.sw('name', text.trim()) : undefined, sorters: ['name'], limit: 20 }, { signal });
    return page.items.map((a) => ({ id: a.id, label: a.name, secondary: a.source?.name ?? undefined }));
  },
};

const OPERATION_WORDS: Record<LookupOperation, string> = {
  listSources: 'list sources',
  listRoles: 'list roles',
  listAccessProfiles: 'list access profiles',
  getPublicIdentities: 'look up identities',
};

/** Why the signed-in identity cannot search with this look-up (null when it can). */
export function lookupRefusal(authorities: readonly string[], operation: LookupOperation): string | null {
  if (mayLookUp(authorities, operation)) return null;
  const levels = LOOKUP_LEVELS[operation] ?? [];
  return `Searching needs ISC's ${levels.join(', ')} level to ${OPERATION_WORDS[operation]}; you are ${authorities.join(', ') || 'USER'}. Paste ids instead.`;
}

interface PickerProps {
  /** The field's label, also its accessible name. */
  label: string;
  ids: string[];
  names: Record<string, string>;
  onChange: (ids: string[], names: Record<string, string>) => void;
  /** How to search the tenant; null where no look-up exists (ids only). */
  lookup: PickerLookup | null;
  /** Said when there is no look-up at all. */
  noLookupReason?: string;
  multiple?: boolean;
  error?: string;
  helperText?: string;
}

/**
 * Picks ids: by searching the tenant when the signed-in identity may call the look-up, otherwise by
 * pasting ids, saying why. A look-up refused at run time (403) falls back to pasting too.
 */
export function IdPicker(props: PickerProps) {
  const session = useSession();
  const [refusedAtRuntime, setRefusedAtRuntime] = useState<string | null>(null);
  const refusal = props.lookup
    ? (lookupRefusal(session?.authorities ?? [], props.lookup.operation) ?? refusedAtRuntime)
    : (props.noLookupReason ?? 'There is no look-up for these in ISC’s API: paste ids.');
  if (props.lookup && !refusal) {
    return <SearchPicker {...props} lookup={props.lookup} onRefused={setRefusedAtRuntime} />;
  }
  return <PastePicker {...props} reason={refusal!} />;
}

function SearchPicker(props: PickerProps & { lookup: PickerLookup; onRefused: (reason: string) => void }) {
  const [input, setInput] = useState('');
  const [text] = useDebounce(input, 250);
  const { lookup, onRefused } = props;
  const options = useQuery({
    queryKey: ['lookups', lookup.operation, text],
    queryFn: async ({ signal }) => {
      try {
        return await lookup.search(text, signal);
      } catch (error) {
        if (isApiError(error) && error.status === 403) onRefused(`The tenant refused the look-up (${error.message}). Paste ids instead.`);
        throw error;
      }
    },
    staleTime: 60_000,
  });
  const selected: LookupOption[] = props.ids.map((id) => ({ id, label: props.names[id] ?? id }));
  const common = {
    options: options.data ?? [],
    loading: options.isFetching,
    filterOptions: (x: LookupOption[]) => x,
    isOptionEqualToValue: (a: LookupOption, b: LookupOption) => a.id === b.id,
    getOptionLabel: (o: LookupOption) => o.label,
    getOptionKey: (o: LookupOption) => o.id,
    inputValue: input,
    onInputChange: (_e: unknown, value: string, reason: string) => {
      if (reason !== 'reset') setInput(value);
    },
    noOptionsText: options.isError ? `The look-up failed: ${(options.error as Error).message}` : text ? 'Nothing matches' : 'Type to search',
    renderOption: (optionProps: React.HTMLAttributes<HTMLLIElement> & { key: React.Key }, option: LookupOption) => {
      const { key, ...rest } = optionProps;
      return (
        <li key={key} {...rest}>
          <Box>
            <Typography variant="body2">{option.label}</Typography>
            {option.secondary ? <Typography variant="caption" color="text.secondary">{option.secondary}</Typography> : null}
          </Box>
        </li>
      );
    },
    renderInput: (params: object) => (
      <TextField {...params} label={props.label} error={Boolean(props.error)} helperText={props.error ?? props.helperText} />
    ),
  };
  const remember = (picked: LookupOption[]) => {
    const names = { ...props.names };
    for (const o of picked) names[o.id] = o.label;
    props.onChange(picked.map((o) => o.id), names);
  };
  if (props.multiple) {
    return <Autocomplete<LookupOption, true, false, false> multiple value={selected} onChange={(_e, value: LookupOption[]) => remember(value)} {...common} />;
  }
  return <Autocomplete<LookupOption, false, false, false> value={selected[0] ?? null} onChange={(_e, value: LookupOption | null) => remember(value ? [value] : [])} {...common} />;
}

function PastePicker(props: PickerProps & { reason: string }) {
  const [text, setText] = useState(props.ids.join('\n'));
  const count = props.ids.length;
  return (
    <TextField
      label={props.multiple ? `${props.label} (ids)` : `${props.label} (id)`}
      value={text}
      multiline={props.multiple}
      minRows={props.multiple ? 2 : undefined}
      onChange={(e) => {
        setText(e.target.value);
        const ids = parseIds(e.target.value);
        props.onChange(props.multiple ? ids : ids.slice(0, 1), props.names);
      }}
      error={Boolean(props.error)}
      helperText={
        <>
          {props.error ? <>{props.error} </> : null}
          {props.reason}
          {props.multiple && count ? ` ${count} id${count === 1 ? '' : 's'}.` : ''}
        </>
      }
      fullWidth
    />
  );
}
