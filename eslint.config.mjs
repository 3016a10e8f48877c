// Lint: Next's recommended rules, plus the layer rule of ARCHITECTURE.md — only the data layer
// (src/data) reaches the database (src/db) and storage (src/storage); lib depends on nothing above it.
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

const dbOrStorage = {
  group: ['@/db', '@/db/*', '@/storage', '@/storage/*', '**/db/*', '**/storage/*'],
  message: 'Only src/data (the DAL) may import the database or storage (ARCHITECTURE.md, Layers).',
};

const config = [
  ...nextVitals,
  ...nextTypescript,
  {
    ignores: [
      '.next/**',
      'bench/anchor/.next/**',
      'bench/anchor/next-env.d.ts',
      'node_modules/**',
      '.data/**',
      'test-results/**',
      'playwright-report/**',
      'next-env.d.ts',
      'src/db/migrations/**',
    ],
  },
  {
    files: ['src/app/**', 'src/actions/**', 'src/components/**', 'src/lib/**', 'src/proxy.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [dbOrStorage] }] },
  },
  {
    files: ['src/lib/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            dbOrStorage,
            {
              group: ['@/data/*', '@/actions/*', '@/app/*', '@/components/*'],
              message: 'src/lib is the bottom layer: it imports nothing above it.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/data/**', 'src/db/**', 'src/storage/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/actions/*', '@/app/*', '@/components/*'],
              message: 'Dependencies point one way: data never imports the layers above it.',
            },
          ],
        },
      ],
    },
  },
];

export default config;
