import Box from '@mui/material/Box';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import { IdentityList, type IdentityListProps } from './IdentityList';
import { ItemGrid, type ItemGridProps } from './ItemGrid';
import { toggleContrast } from './ItemGridToolbar';
import { useItemViewState, type ItemView } from './useItemViewState';

/**
 * The item grid and the "By identity" view behind one switch, following the URL's `view` and
 * `identity`: all items; the identities; or one identity's items (with "Back to all identities").
 */
export function ItemReview(props: ItemGridProps & Pick<IdentityListProps, 'onReassignIdentity'>) {
  const view = useItemViewState();
  return (
    <Box>
      <ToggleButtonGroup
        exclusive
        size="small"
        color="primary"
        aria-label="View"
        value={view.view}
        onChange={(_event, value: ItemView | null) => value && view.setView(value)}
        sx={{ mb: 2, ...toggleContrast }}
      >
        <ToggleButton value="items">By item</ToggleButton>
        <ToggleButton value="identities">By identity</ToggleButton>
      </ToggleButtonGroup>
      {view.view === 'identities' && !view.identity ? (
        <IdentityList
          certification={props.certification}
          readOnly={props.readOnly}
          onRequestDecision={props.onRequestDecision}
          onReassignIdentity={props.onReassignIdentity}
        />
      ) : (
        <ItemGrid {...props} />
      )}
    </Box>
  );
}
