/** The session moved down to `src/api/session.ts` (every feature needs it); kept for imports not yet moved. */
export * from '../../api/session';
