import { Component, type ErrorInfo, type ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { isRouteErrorResponse, Link as RouterLink, useRouteError } from 'react-router';
import { PageContainer } from '../components/PageContainer';

export function NotFoundPage() {
  return (
    <PageContainer title="Page not found">
      <Typography sx={{ mb: 2 }}>There is nothing at this address. It may have moved, or the link may be mistyped.</Typography>
      <Button component={RouterLink} to="/certifications" variant="contained">Go to my certifications</Button>
    </PageContainer>
  );
}

function ErrorPanel({ message, onReload }: { message: string; onReload: () => void }) {
  return (
    <Box sx={{ p: 4, maxWidth: 720, mx: 'auto' }} role="alert">
      <Alert severity="error" action={<Button color="inherit" onClick={onReload}>Reload</Button>}>
        <AlertTitle>Something went wrong on this page</AlertTitle>
        {message} Decisions already saved are safe. Reload the page to carry on.
      </Alert>
    </Box>
  );
}

/** The router's error element: a failed render or loader inside the app shell. */
export function RouteErrorPage() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  const message = error instanceof Error ? error.message : 'An unexpected error occurred.';
  return <ErrorPanel message={message} onReload={() => window.location.reload()} />;
}

/** Last line of defence outside the router: never a white screen. */
export class AppErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('Attest crashed', error, info.componentStack);
  }
  override render() {
    if (this.state.error) return <ErrorPanel message={this.state.error.message} onReload={() => window.location.reload()} />;
    return this.props.children;
  }
}
