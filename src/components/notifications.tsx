import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { AlertColor } from '@mui/material/Alert';
import type { Notice, NoticeSnackbar } from './NoticeSnackbar';
import { whenIdle } from './whenIdle';

/** App-wide snackbar messages: one at a time, newest wins. */
type Notify = (message: string, severity?: AlertColor) => void;
const NotifyContext = createContext<Notify>(() => undefined);

let external: Notify = () => undefined;
/** For code outside React (the query cache's error handler). */
export const notify: Notify = (message, severity) => external(message, severity);

let snackbarCode: Promise<typeof NoticeSnackbar> | null = null;
/**
 * MUI's Snackbar (with its transition and click-away listener) is not on the first page: it loads once the
 * page is idle, well before a message is likely, and at once if one comes first. A failed load is tried again.
 */
function loadSnackbar(): Promise<typeof NoticeSnackbar> {
  snackbarCode ??= import('./NoticeSnackbar').then(
    (module) => module.NoticeSnackbar,
    (error: unknown) => {
      snackbarCode = null;
      throw error;
    },
  );
  return snackbarCode;
}

export function NotificationsProvider({ children }: { children: ReactNode }) {
  const [notice, setNotice] = useState<Notice | null>(null);
  const [Snackbar, setSnackbar] = useState<typeof NoticeSnackbar | null>(null);
  const show = useCallback<Notify>((message, severity = 'info') => setNotice({ id: Date.now(), message, severity }), []);
  useEffect(() => {
    external = show;
  }, [show]);
  const waiting = notice !== null;
  useEffect(() => {
    if (Snackbar) return;
    let cancelled = false;
    const load = () => void loadSnackbar().then((component) => !cancelled && setSnackbar(() => component), () => undefined);
    let cancelIdle: (() => void) | undefined;
    if (waiting) load();
    else cancelIdle = whenIdle(load);
    return () => {
      cancelled = true;
      cancelIdle?.();
    };
  }, [Snackbar, waiting]);
  const value = useMemo(() => show, [show]);
  const close = useCallback(() => setNotice(null), []);
  return (
    <NotifyContext.Provider value={value}>
      {children}
      {Snackbar ? <Snackbar notice={notice} onClose={close} /> : null}
    </NotifyContext.Provider>
  );
}

export function useNotify(): Notify {
  return useContext(NotifyContext);
}
