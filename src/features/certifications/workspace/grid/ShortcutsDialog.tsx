import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { KEYBOARD_SHORTCUTS } from './useGridKeyboard';

/** The grid's keyboard shortcuts (what `?` opens when the page does not show its own help). */
export function ShortcutsDialog({ open, onClose, readOnly = false }: { open: boolean; onClose(): void; readOnly?: boolean }) {
  const shortcuts = KEYBOARD_SHORTCUTS.filter((s) => !readOnly || !s.decides);
  return (
    <Dialog open={open} onClose={onClose} aria-labelledby="item-grid-shortcuts-title">
      <DialogTitle id="item-grid-shortcuts-title">Keyboard shortcuts</DialogTitle>
      <DialogContent>
        <Table size="small" aria-labelledby="item-grid-shortcuts-title">
          <TableHead>
            <TableRow>
              <TableCell>Keys</TableCell>
              <TableCell>Action</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {shortcuts.map((s) => (
              <TableRow key={s.action}>
                <TableCell>
                  {s.keys.map((k, i) => (
                    <span key={k}>
                      {i > 0 ? ' or ' : null}
                      <Box component="kbd" sx={{ px: 0.75, py: 0.25, border: 1, borderColor: 'divider', borderRadius: 1, fontFamily: 'monospace' }}>{k}</Box>
                    </span>
                  ))}
                </TableCell>
                <TableCell>{s.action}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
