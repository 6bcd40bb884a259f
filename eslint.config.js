// The import matrix from DESIGN.md, enforced. Each message says what to do instead.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
const noElectron = { group: ['electron', 'electron/*'], message: 'Only electron/ may load electron: put logic in core/ and reach it through core/api.' };
const noReact = { group: ['react', 'react-dom', 'react/*', 'react-dom/*', 'recharts'], message: 'core must not import React: the UI lives in renderer/ and talks to core through core/api.' };
const noRenderer = { group: ['**/renderer/**', '**/renderer'], message: 'core must not import the renderer: go through core/api.' };
const noNode = { group: ['node:*', 'fs', 'path', 'os', 'http', 'https', 'child_process', 'worker_threads', 'crypto'], message: 'This folder is pure: effects (files, clock, HTTP, threads) come in as parameters or ports.' };
const noIo = { group: ['@duckdb/*', '@aws-sdk/*', '@azure/*', '@google-cloud/*'], message: 'This folder is pure: storage and SDKs belong to core/store and core/ingest.' };
const layer = (name, msg) => ({ group: [`**/core/${name}`, `**/core/${name}/**`, `../${name}`, `../${name}/**`, `../../${name}`, `../../${name}/**`], message: msg });

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'dist-electron/**', 'dist-renderer/**', 'release/**', 'test-results/**', 'bench/.out/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  { files: ['bin/**/*.js', '*.config.js'], languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } } },
  { files: ['core/**/*.ts'], rules: restrict([noElectron, noReact, noRenderer, { group: ['**/cli/**'], message: 'core must not import the CLI: the CLI is an adapter over core/service.' }]) },
  { files: ['core/lib/**/*.ts'], rules: restrict([noElectron, noReact, noRenderer, noIo, layer('model', 'core/lib is the bottom layer and imports nothing else in core.'), layer('store', 'core/lib imports nothing else in core.'), layer('forecast', 'core/lib imports nothing else in core.')]) },
  { files: ['core/model/**/*.ts'], rules: restrict([noElectron, noReact, noRenderer, noNode, noIo, layer('store', 'core/model holds types only: no store.'), layer('ingest', 'core/model holds types only: no ingest.'), layer('service', 'core/model holds types only.')]) },
  { files: ['core/api/**/*.ts'], rules: restrict([noElectron, noReact, noRenderer, noNode, noIo, layer('service', 'core/api is the contract: it must not import the service that implements it.'), layer('store', 'core/api is the contract: no store.'), layer('ingest', 'core/api is the contract: no ingest.')]) },
  { files: ['core/forecast/**/*.ts'], ignores: ['core/forecast/batch/**', 'core/forecast/**/*.test.ts'], rules: restrict([noElectron, noReact, noRenderer, noNode, noIo, layer('store', 'core/forecast is pure numerics: the service passes series in.'), layer('ingest', 'core/forecast is pure numerics.'), layer('service', 'core/forecast is pure numerics.'), layer('plan', 'core/forecast must not import core/plan: plan builds on forecast, not the reverse.')]) },
  { files: ['core/plan/**/*.ts'], ignores: ['core/plan/**/*.test.ts'], rules: restrict([noElectron, noReact, noRenderer, noNode, noIo, layer('store', 'core/plan is pure: the service passes data in.'), layer('ingest', 'core/plan is pure: the service passes data in.'), layer('service', 'core/plan is pure.')]) },
  { files: ['core/report/**/*.ts'], ignores: ['core/report/**/*.test.ts'], rules: restrict([noElectron, noReact, noRenderer, noIo, layer('store', 'core/report renders what it is given: the service queries the store.'), layer('ingest', 'core/report must not import ingest.'), layer('service', 'core/report must not import the service.')]) },
  { files: ['core/store/**/*.ts'], rules: restrict([noElectron, noReact, noRenderer, layer('ingest', 'core/store must not import ingest: ingest produces rows, the service hands them to the store.'), layer('forecast', 'core/store must not import forecast: it only persists results.'), layer('plan', 'core/store must not import plan.')]) },
  { files: ['core/ingest/**/*.ts'], rules: restrict([noElectron, noReact, noRenderer, layer('store', 'core/ingest must not import the store: it yields rows or SQL, core/service writes them.'), layer('forecast', 'core/ingest must not import forecast.'), layer('service', 'core/ingest must not import the service.')]) },
  { files: ['renderer/**/*.ts', 'renderer/**/*.tsx'], rules: restrict([noElectron, { group: ['node:*', 'fs', 'path', 'os', 'child_process'], message: 'The renderer runs in a browser sandbox: ask core through renderer/bridge.' }, { regex: '(^|/)core/(?!api$)', message: 'The renderer\'s one door into core is core/api (DESIGN.md): import its types, schemas and the day helpers it re-exports from core/api itself, and ask core/service for everything else through renderer/bridge. Plan, forecast or store logic in the UI means a missing API method: add it to core/api and core/service.' }]) },
  { files: ['cli/**/*.ts'], rules: restrict([noElectron, noReact]) },
);
