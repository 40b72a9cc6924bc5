import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import { DataGrid, type GridColDef, type GridRowSelectionModel, type GridValidRowModel } from '@mui/x-data-grid';
import type { CollectionPage } from '../api/collections';
import { PAGE_SIZES, type useGridUrlState } from './useGridUrlState';

/**
 * A DataGrid in server mode over one page of an ISC collection: paging and sorting go to the server and
 * live in the URL (see useGridUrlState); the row count is the server's X-Total-Count.
 */
export function ServerDataGrid<Row extends GridValidRowModel>(props: {
  label: string;
  columns: GridColDef<Row>[];
  data: CollectionPage<Row> | undefined;
  loading: boolean;
  grid: Pick<ReturnType<typeof useGridUrlState>, 'paginationModel' | 'onPaginationModelChange' | 'sortModel' | 'onSortModelChange'>;
  getRowId: (row: Row) => string;
  emptyText: string;
  rowHeight?: number;
  /** Checkbox selection of the rows of this page (optional). */
  selection?: {
    model: GridRowSelectionModel;
    onChange: (model: GridRowSelectionModel) => void;
    isRowSelectable?: (row: Row) => boolean;
  };
}) {
  const rows = props.data?.items ?? [];
  return (
    <Paper variant="outlined" aria-busy={props.loading}>
      <Box sx={{ height: 4 }}>{props.loading ? <LinearProgress aria-label={`Loading ${props.label.toLowerCase()}`} /> : null}</Box>
      <DataGrid
        aria-label={props.label}
        rows={rows}
        getRowId={props.getRowId}
        columns={props.columns}
        rowCount={props.data?.total ?? rows.length}
        loading={props.loading && !props.data}
        slotProps={{ loadingOverlay: { variant: 'skeleton', noRowsVariant: 'skeleton' } }}
        paginationMode="server"
        sortingMode="server"
        paginationModel={props.grid.paginationModel}
        onPaginationModelChange={props.grid.onPaginationModelChange}
        sortModel={props.grid.sortModel}
        onSortModelChange={props.grid.onSortModelChange}
        pageSizeOptions={PAGE_SIZES}
        disableColumnFilter
        disableColumnMenu
        disableRowSelectionOnClick
        checkboxSelection={Boolean(props.selection)}
        rowSelectionModel={props.selection?.model}
        onRowSelectionModelChange={props.selection ? (model) => props.selection!.onChange(model) : undefined}
        isRowSelectable={props.selection?.isRowSelectable ? (params) => props.selection!.isRowSelectable!(params.row as Row) : undefined}
        // jsdom has no layout: without this, component tests would see no cells.
        disableVirtualization={import.meta.env.MODE === 'test'}
        autoHeight
        rowHeight={props.rowHeight ?? 60}
        localeText={{ noRowsLabel: props.emptyText }}
        // Cells hold rich content (chips, progress): centre it instead of using the row height as line height.
        sx={{ border: 0, '& .MuiDataGrid-cell': { display: 'flex', alignItems: 'center', lineHeight: 1.43 } }}
      />
    </Paper>
  );
}
