import { memo, useContext } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import TablePagination from '@mui/material/TablePagination';
import Typography from '@mui/material/Typography';
import BlockIcon from '@mui/icons-material/Block';
import CheckIcon from '@mui/icons-material/Check';
import InfoOutlinedIcon from '@mui/icons-material/InfoOutlined';
import PersonAddAltIcon from '@mui/icons-material/PersonAddAlt';
import type { GridPaginationModel } from '@mui/x-data-grid';
import type { AccessReviewItem } from '../../../../api/schemas';
import { TenantText } from '../../../../components/TenantText';
import { PAGE_SIZES } from '../../../../components/useGridUrlState';
import { accessName, accessTypeLabel, identityName, sourceName } from './clientItems';
import { CommentCell, DecisionCell, FlagsCell, ItemCellContext, rowName } from './columns';
import type { ItemSelection } from './ItemGrid';

export interface ItemCardsProps {
  label: string;
  rows: AccessReviewItem[];
  count: number;
  loading: boolean;
  readOnly: boolean;
  emptyText: string;
  selection: ItemSelection;
  onToggleSelected(item: AccessReviewItem): void;
  onSelectPage(select: boolean): void;
  /** The item open in the details pane. */
  openItem: string | undefined;
  paginationModel: GridPaginationModel;
  onPaginationModelChange(model: GridPaginationModel): void;
}

/**
 * The items as a list of cards, for a phone: the same rows, page, selection and actions as the desktop grid
 * (the same view state drives both), with each card's decision buttons within a thumb's reach.
 */
export function ItemCards(props: ItemCardsProps) {
  const { rows, selection, readOnly, paginationModel, onPaginationModelChange } = props;
  const selectedOnPage = rows.filter((row) => row.id && selection.has(row.id)).length;
  return (
    <Box>
      {!readOnly && rows.length > 0 ? (
        <FormControlLabel
          sx={{ ml: 0, mb: 0.5 }}
          control={
            <Checkbox
              checked={selectedOnPage === rows.length}
              indeterminate={selectedOnPage > 0 && selectedOnPage < rows.length}
              onChange={(event) => props.onSelectPage(event.target.checked)}
            />
          }
          label="Select all on this page"
        />
      ) : null}
      {props.loading && rows.length === 0 ? (
        <Stack sx={{ gap: 1 }} aria-label="Loading items" role="status">
          {[0, 1, 2].map((i) => <Skeleton key={i} variant="rounded" height={148} />)}
        </Stack>
      ) : rows.length === 0 ? (
        <Paper variant="outlined" sx={{ p: 2 }}>
          <Typography variant="body2">{props.emptyText}</Typography>
        </Paper>
      ) : (
        <Box component="ul" aria-label={props.label} sx={{ listStyle: 'none', p: 0, m: 0, display: 'grid', gap: 1 }}>
          {rows.map((row) => (
            <MemoItemCard key={row.id} row={row} readOnly={readOnly} selected={Boolean(row.id && selection.has(row.id))} open={row.id === props.openItem} onToggleSelected={props.onToggleSelected} />
          ))}
        </Box>
      )}
      <TablePagination
        component="div"
        count={props.count}
        page={paginationModel.page}
        rowsPerPage={paginationModel.pageSize}
        rowsPerPageOptions={PAGE_SIZES}
        labelRowsPerPage="Per page"
        onPageChange={(_event, page) => onPaginationModelChange({ ...paginationModel, page })}
        onRowsPerPageChange={(event) => onPaginationModelChange({ page: 0, pageSize: Number(event.target.value) })}
        sx={{ '& .MuiTablePagination-toolbar': { flexWrap: 'wrap', px: 0 }, '& .MuiTablePagination-spacer': { display: 'none' } }}
      />
    </Box>
  );
}

const MemoItemCard = memo(ItemCard);

function ItemCard({ row, readOnly, selected, open, onToggleSelected }: { row: AccessReviewItem; readOnly: boolean; selected: boolean; open: boolean; onToggleSelected(item: AccessReviewItem): void }) {
  const { onDecide, onDetails, onReassign } = useContext(ItemCellContext);
  const name = rowName(row);
  const source = sourceName(row);
  return (
    <Paper
      component="li"
      variant="outlined"
      aria-label={name}
      sx={[
        { p: 1.5, display: 'grid', gap: 1, minWidth: 0 },
        // A selected card is outlined, not tinted: a tint takes the buttons' colours below 4.5:1.
        selected ? { borderColor: 'primary.main', outline: '1px solid', outlineColor: 'primary.main' } : {},
        open ? (theme) => ({ boxShadow: `inset 4px 0 0 ${theme.palette.primary.main}` }) : {},
      ]}
    >
      <Stack direction="row" sx={{ alignItems: 'flex-start', gap: 1, minWidth: 0 }}>
        {readOnly ? null : (
          <Checkbox checked={selected} onChange={() => onToggleSelected(row)} slotProps={{ input: { 'aria-label': `Select ${name}` } }} sx={{ mt: -0.75, ml: -0.75 }} />
        )}
        <Box sx={{ minWidth: 0, flex: 1 }}>
          <Typography variant="subtitle2" component="p" sx={{ display: 'flex', minWidth: 0 }}>
            <TenantText text={identityName(row)} oneLine />
          </Typography>
          <Typography variant="body2" component="p">
            <TenantText text={accessName(row)} />
          </Typography>
          <Typography variant="caption" component="p" sx={{ color: 'text.secondary', display: 'flex', gap: 0.5, minWidth: 0 }}>
            <span>{accessTypeLabel(row.accessSummary?.access?.type)}</span>
            {source ? (
              <>
                <span aria-hidden>·</span>
                <TenantText text={source} oneLine />
              </>
            ) : null}
          </Typography>
        </Box>
        {readOnly ? null : (
          <IconButton aria-label={`Reassign ${name}`} title="Reassign" onClick={() => onReassign(row)} sx={{ width: 44, height: 44, mt: -1, mr: -1 }}>
            <PersonAddAltIcon />
          </IconButton>
        )}
      </Stack>
      <FlagsCell row={row} />
      <Stack direction="row" sx={{ alignItems: 'center', gap: 1, minWidth: 0 }}>
        <DecisionCell row={row} />
        <Box sx={{ minWidth: 0, flex: 1 }}>
          <CommentCell row={row} />
        </Box>
        <Button size="small" startIcon={<InfoOutlinedIcon />} aria-label={`Details ${name}`} onClick={() => onDetails(row)} sx={{ minHeight: 44, flexShrink: 0 }}>
          Details
        </Button>
      </Stack>
      {readOnly ? null : (
        // The decision buttons sit at the bottom of the card, in reach of the thumb.
        <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 1 }}>
          <Button variant="outlined" color="success" startIcon={<CheckIcon />} aria-label={`Approve ${name}`} onClick={() => onDecide(row, 'APPROVE')} sx={{ minHeight: 44 }}>
            Approve
          </Button>
          <Button variant="outlined" color="error" startIcon={<BlockIcon />} aria-label={`Revoke ${name}`} onClick={() => onDecide(row, 'REVOKE')} sx={{ minHeight: 44 }}>
            Revoke
          </Button>
        </Box>
      )}
    </Paper>
  );
}
