import { createTheme } from '@mui/material/styles';

/** Attest's theme: light and dark schemes, following the system until the person picks one. */
export const theme = createTheme({
  cssVariables: { colorSchemeSelector: 'data' },
  colorSchemes: {
    // contrastThreshold 4.5: MUI picks chip and button text that meets WCAG AA on every palette colour.
    light: { palette: { contrastThreshold: 4.5, primary: { main: '#1c4e80' }, secondary: { main: '#0b7a75' }, background: { default: '#f5f7fa' } } },
    dark: { palette: { contrastThreshold: 4.5, primary: { main: '#8ab4f8' }, secondary: { main: '#4fd1c5' } } },
  },
  shape: { borderRadius: 8 },
  components: {
    // Helper text of a disabled field still informs (a count, the chosen reviewer's email): keep it readable.
    MuiFormHelperText: {
      styleOverrides: { root: ({ theme }) => ({ '&.Mui-disabled': { color: theme.vars.palette.text.secondary } }) },
    },
  },
  typography: { h4: { fontWeight: 600, fontSize: '1.75rem' } },
});
