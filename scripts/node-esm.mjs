// `node --import ./scripts/node-esm.mjs`: lets Node load the sandbox's packages as Vite does (see node-esm-hooks.mjs).
import { register } from 'node:module';

register('./node-esm-hooks.mjs', import.meta.url);
