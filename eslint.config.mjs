// ESLint flat config: typescript-eslint's recommended rules (not the type-checked set, to stay
// fast) plus the one house rule a linter can enforce cheaply: deep provider imports only.
import tseslint from 'typescript-eslint';

const PROVIDER_ROOT_MESSAGE =
  'Import the resource by its deep path (e.g. @cdktf/provider-aws/lib/s3-bucket): the package root loads every resource class (~9 s and ~1 GB per process).';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'cdktf.out/',
      'dist/',
      'test-results/',
      'coverage/',
      '.lh-test-cache-*/',
      '.bench/',
      '**/*.d.ts',
      'lib/model/schemas/validators.generated.ts',
      'lib/model/schemas/environment.generated.ts',
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,mts,cts,js,mjs,cjs}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@cdktf/provider-aws', message: PROVIDER_ROOT_MESSAGE },
            { name: '@cdktf/provider-google', message: PROVIDER_ROOT_MESSAGE },
            { name: '@cdktf/provider-time', message: PROVIDER_ROOT_MESSAGE },
          ],
        },
      ],
      // `_`-prefixed parameters document an intentionally unused argument.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Tests assert on synthesized Terraform JSON, which is untyped by nature.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // CommonJS launchers (bin/*.cjs) use require by design.
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
