import { lazy, Suspense } from 'react';
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import { useColorScheme } from '@mui/material/styles';
import DarkModeIcon from '@mui/icons-material/DarkMode';
import LightModeIcon from '@mui/icons-material/LightMode';
import { NavLink, Outlet } from 'react-router';
import { canSeeCampaigns, isAdmin, useSession } from '../../api/session';
import { useSandboxControls } from '../sandbox-context';

// Loaded right after the shell, not before the first page: the decision queue (IndexedDB) with its banner and
// leave prompt, the sandbox's persona menu, and the sign-out button that asks before decisions are left behind.
const HeldDecisionsBanner = lazy(async () => ({ default: (await import('../../features/certifications/workspace/decisions/HeldDecisions')).HeldDecisionsBanner }));
const PersonaSwitcher = lazy(async () => ({ default: (await import('./PersonaSwitcher')).PersonaSwitcher }));
const SignOut = lazy(async () => ({ default: (await import('./SignOut')).SignOut }));

function NavButton({ to, children }: { to: string; children: string }) {
  return (
    <Button
      component={NavLink}
      to={to}
      color="inherit"
      sx={{ '&.active': { bgcolor: 'rgba(255,255,255,0.16)' }, '&:focus-visible': { outline: '2px solid currentColor' } }}
    >
      {children}
    </Button>
  );
}

function ThemeToggle() {
  const { mode, systemMode, setMode } = useColorScheme();
  const effective = mode === 'system' ? systemMode : mode;
  const next = effective === 'dark' ? 'light' : 'dark';
  return (
    // The browser's own tooltip (title): MUI's Tooltip would bring its popper code onto every first page.
    <IconButton color="inherit" onClick={() => setMode(next)} aria-label={`Switch to ${next} theme`} title={`Switch to ${next} theme`}>
      {effective === 'dark' ? <LightModeIcon /> : <DarkModeIcon />}
    </IconButton>
  );
}

/** The frame of every signed-in page: app bar, navigation (the Campaigns area for admins and report admins only), content. */
export function AppShell() {
  const session = useSession();
  const sandbox = useSandboxControls();
  const campaigns = canSeeCampaigns(session);

  return (
    <Box sx={{ minHeight: '100vh', bgcolor: 'background.default' }}>
      <Link
        href="#main"
        sx={{ position: 'absolute', left: -9999, '&:focus': { left: 8, top: 8, zIndex: 2000, bgcolor: 'background.paper', p: 1 } }}
      >
        Skip to content
      </Link>
      <AppBar position="sticky" elevation={0}>
        <Toolbar sx={{ gap: 1, flexWrap: 'wrap' }}>
          <Typography variant="h6" component="span" sx={{ fontWeight: 700, mr: 2 }}>Attest</Typography>
          {sandbox ? <Chip label="Sandbox" size="small" color="warning" sx={{ fontWeight: 600 }} /> : null}
          <Stack component="nav" aria-label="Main" direction="row" sx={{ gap: 0.5, ml: 1 }}>
            <NavButton to="/certifications">Certifications</NavButton>
            {campaigns ? <NavButton to="/campaigns">Campaigns</NavButton> : null}
            {isAdmin(session) ? <NavButton to="/templates">Templates</NavButton> : null}
          </Stack>
          <Box sx={{ flexGrow: 1 }} />
          <Suspense fallback={null}>{sandbox ? <PersonaSwitcher /> : <SignOut />}</Suspense>
          <ThemeToggle />
        </Toolbar>
      </AppBar>
      <Box component="main" id="main" tabIndex={-1} sx={{ outline: 'none' }}>
        <Suspense fallback={null}>
          <HeldDecisionsBanner />
        </Suspense>
        <Outlet />
      </Box>
    </Box>
  );
}
