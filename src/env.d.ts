/// <reference types="vite/client" />

/** True in builds without a configured tenant: the embedded sandbox is loaded. */
declare const __SANDBOX__: boolean;
/** The real tenant's API origin, when configured (proxied same-origin). */
declare const __TENANT_URL__: string;
