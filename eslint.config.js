// The rules a import graph cannot express (dependency-cruiser checks the imports: .dependency-cruiser.cjs).
import tsParser from '@typescript-eslint/parser';

export default [
  {
    files: ['services/**/*.ts', 'bench/**/*.ts', 'deploy/**/*.ts', 'deploy/**/*.mjs'],
    ignores: ['services/shared/config/load.ts', 'deploy/cdk.out/**'],
    languageOptions: { parser: tsParser, ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      // One configuration: services/shared/config/load.ts reads the environment, nothing else does.
      'no-restricted-properties': ['error', {
        object: 'process',
        property: 'env',
        message: 'Read settings through loadConfig() (services/shared/config/); declare new variables in a fragment there.',
      }],
    },
  },
];
