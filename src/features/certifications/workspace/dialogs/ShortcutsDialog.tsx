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

export interface Shortcut {
  /** e.g. "a", "Shift+R", "Ctrl+Enter"; alternatives joined by " or ": "j or ArrowDown". */
  keys: string;
  action: string;
}

/** The workspace's keyboard shortcuts, as a table (the page opens it with `?`). */
export function ShortcutsDialog({ open, onClose, shortcuts }: { open: boolean; onClose(): void; shortcuts: Shortcut[] }) {
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="xs">
      <DialogTitle>Keyboard shortcuts</DialogTitle>
      <DialogContent>
        <Table size="small" aria-label="Keyboard shortcuts">
          <TableHead>
            <TableRow>
              <TableCell>Keys</TableCell>
              <TableCell>Action</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {shortcuts.map((shortcut) => (
              <TableRow key={`${shortcut.keys}:${shortcut.action}`}>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  <Keys keys={shortcut.keys} />
                </TableCell>
                <TableCell>{shortcut.action}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} autoFocus>
          Close
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** "Ctrl+Enter" as <kbd>Ctrl</kbd>+<kbd>Enter</kbd>, "j or ArrowDown" as two keys; a lone "+" stays a key. */
function Keys({ keys }: { keys: string }) {
  return (
    <>
      {keys.split(' or ').map((alternative, a) => (
        <span key={a}>
          {a > 0 ? ' or ' : null}
          {(alternative.length > 1 ? alternative.split(/(?<=.)\+(?=.)/) : [alternative]).map((key, k) => (
            <span key={k}>
              {k > 0 ? '+' : null}
              <Box
                component="kbd"
                sx={{ fontFamily: 'monospace', fontSize: '0.85em', px: 0.75, py: 0.25, border: 1, borderColor: 'divider', borderRadius: 1, bgcolor: 'action.hover' }}
              >
                {key}
              </Box>
            </span>
          ))}
        </span>
      ))}
    </>
  );
}
