import { createTheme } from '@mui/material/styles';

/** Attest's theme: light and dark schemes, following the system until the person picks one. */
export const theme = createTheme({
  cssVariables: { colorSchemeSelector: 'data' },
  colorSchemes: {
    light: { palette: { primary: { main: '#1c4e80' }, secondary: { main: '#0b7a75' }, background: { default: '#f5f7fa' } } },
    dark: { palette: { primary: { main: '#8ab4f8' }, secondary: { main: '#4fd1c5' } } },
  },
  shape: { borderRadius: 8 },
  typography: { h4: { fontWeight: 600, fontSize: '1.75rem' } },
});
