import { useState } from 'react';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useDebounce } from 'use-debounce';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { getIdentityCertificationItemPermissions } from '../../../../api/certifications';
import type { FilterField } from '../../../../api/collections';
import { f } from '../../../../api/filters';
import { ErrorState } from '../../../../components/ErrorState';
import { itemQueries } from '../items';

export const PERMISSIONS_PAGE_SIZE = 50;
const TYPING_DELAY_MS = 300;

type PermissionField = FilterField<'getIdentityCertificationItemPermissions'>;

/** The permissions filter as the API allows it: target sw, rights ca, and at most one `and` joining them. */
export function permissionsFilter(target: string, rights: readonly string[]) {
  return f.and<PermissionField>(target ? f.sw('target', target) : undefined, rights.length ? f.ca('rights', [...rights]) : undefined);
}

export function permissionsQuery(certificationId: string, itemId: string, target: string, rights: readonly string[]) {
  return {
    queryKey: [...itemQueries.all(certificationId), itemId, 'permissions', { target, rights }] as const,
    queryFn: ({ pageParam, signal }: { pageParam: number; signal: AbortSignal }) =>
      getIdentityCertificationItemPermissions(
        certificationId,
        itemId,
        { offset: pageParam, limit: PERMISSIONS_PAGE_SIZE, count: pageParam === 0, filters: permissionsFilter(target, rights) },
        { signal },
      ),
  };
}

/** An entitlement's permissions (rights on targets), filtered on the server, 50 at a time. */
export function PermissionsSection({ certificationId, itemId }: { certificationId: string; itemId: string }) {
  const [targetInput, setTargetInput] = useState('');
  const [rights, setRights] = useState<string[]>([]);
  const [target] = useDebounce(targetInput.trim(), TYPING_DELAY_MS);
  const query = useInfiniteQuery({
    ...permissionsQuery(certificationId, itemId, target, rights),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => {
      const loaded = pages.reduce((n, page) => n + page.items.length, 0);
      const total = pages[0]?.total;
      const more = total !== undefined ? loaded < total : last.items.length === PERMISSIONS_PAGE_SIZE;
      return more ? loaded : undefined;
    },
    placeholderData: keepPreviousData,
  });

  const permissions = query.data?.pages.flatMap((page) => page.items) ?? [];
  const total = query.data?.pages[0]?.total;
  const filtered = Boolean(target) || rights.length > 0;
  // Rights seen so far are offered; any other right can be typed.
  const knownRights = [...new Set([...permissions.flatMap((p) => p.rights ?? []), ...rights])].sort();

  return (
    <Box>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1.5} sx={{ mb: 1 }}>
        <TextField
          label="Target"
          size="small"
          value={targetInput}
          onChange={(e) => setTargetInput(e.target.value)}
          helperText="Starts with"
          sx={{ flex: 1 }}
        />
        <Autocomplete
          multiple
          freeSolo
          size="small"
          options={knownRights}
          value={rights}
          onChange={(_, value) => setRights([...new Set(value.map((v) => v.trim()).filter(Boolean))])}
          renderInput={(params) => <TextField {...params} label="Rights" helperText="Has all of these" />}
          sx={{ flex: 1 }}
        />
      </Stack>

      <Box sx={{ height: 4 }}>{query.isFetching && !query.isFetchingNextPage ? <LinearProgress aria-label="Loading permissions" /> : null}</Box>

      {query.isError && !query.isFetchNextPageError ? (
        <ErrorState title="Permissions could not be loaded" error={query.error} onRetry={() => void query.refetch()} />
      ) : query.isPending ? null : permissions.length === 0 ? (
        <Typography variant="body2" color="text.secondary" sx={{ py: 1 }}>
          {filtered ? 'No permissions match these filters.' : 'No permissions.'}
        </Typography>
      ) : (
        <>
          <List dense aria-label="Permissions" sx={{ overflowWrap: 'anywhere' }}>
            {permissions.map((permission, i) => (
              <ListItem key={`${permission.target ?? ''}:${i}`} disableGutters divider>
                <ListItemText primary={permission.target || 'No target'} secondary={permission.rights?.length ? permission.rights.join(', ') : 'No rights'} />
              </ListItem>
            ))}
          </List>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mt: 1 }}>
            <Typography variant="body2" color="text.secondary">
              {total !== undefined
                ? `Showing ${permissions.length.toLocaleString()} of ${total.toLocaleString()}`
                : `Showing ${permissions.length.toLocaleString()}`}
            </Typography>
            {query.hasNextPage ? (
              <Button size="small" variant="outlined" loading={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
                Load more
              </Button>
            ) : null}
          </Stack>
          {query.isFetchNextPageError ? (
            <ErrorState title="More permissions could not be loaded" error={query.error} onRetry={() => void query.fetchNextPage()} />
          ) : null}
        </>
      )}
    </Box>
  );
}
