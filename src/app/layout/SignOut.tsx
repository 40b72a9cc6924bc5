import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { sessionStore, useSession } from '../../api/session';
import { useLeaveIdentityGuard } from '../../features/certifications/workspace/decisions/HeldDecisions';

/** Real tenants: who is signed in, and Sign out (asking first while their decisions are still being sent). */
export function SignOut() {
  const session = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const leave = useLeaveIdentityGuard();
  return (
    <>
      <Typography variant="body2" component="span">{session?.name}</Typography>
      <Button
        color="inherit"
        onClick={() =>
          leave.guard(() => {
            const ending = sessionStore.get();
            sessionStore.set(null);
            queryClient.clear();
            navigate('/sign-in');
            // Signed in with the tenant's login: end that session too, at the tenant's logout page.
            if (ending?.refreshToken) void import('../../api/oauth').then(({ endTenantSession }) => endTenantSession());
          })
        }
      >
        Sign out
      </Button>
      {leave.dialog}
    </>
  );
}
