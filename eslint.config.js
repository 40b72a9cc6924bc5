import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/**
 * Feature boundaries (STYLE.md): shared code flows one way, api/components -> features -> app. A feature
 * never imports another feature's files; what two features share moves down to src/components or src/api.
 */
const features = readdirSync(new URL('./src/features', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

const boundaryZones = [
  ...features.map((feature) => ({
    target: `./src/features/${feature}`,
    from: './src/features',
    except: [`./${feature}`],
    message: 'Features do not import each other: move what they share to src/components or src/api.',
  })),
  {
    target: ['./src/components', './src/api'],
    from: ['./src/features', './src/app'],
    message: 'Shared code (src/components, src/api) must not depend on features or the app.',
  },
  {
    target: './src/sandbox',
    from: ['./src/features', './src/app', './src/components'],
    message: 'The sandbox is a tenant: it may use src/api, never the app or its features.',
  },
];

export default tseslint.config(
  { ignores: ['dist', 'coverage', 'playwright-report', 'test-results', 'public/mockServiceWorker.js'] },
  {
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    files: ['**/*.{ts,tsx,js,mjs}'],
    languageOptions: { ecmaVersion: 2022, globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks, 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] })],
    },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'API strings are untrusted: render them as text.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'localStorage', property: 'setItem', message: 'Tokens and session data belong in memory or sessionStorage.' },
      ],
      'import-x/no-restricted-paths': ['error', { zones: boundaryZones }],
    },
  },
);
