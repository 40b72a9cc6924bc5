/// <reference types="vite/client" />

/** True in builds without a configured tenant: the embedded sandbox is loaded. */
declare const __SANDBOX__: boolean;
/** The real tenant's API origin, when configured (proxied same-origin). */
declare const __TENANT_URL__: string;
/** The tenant's public OAuth client for sign-in with its login (authorization code + PKCE), when configured. */
declare const __OAUTH_CLIENT_ID__: string;
