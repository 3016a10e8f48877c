// Lint: Next's recommended rules, plus the layer rules of docs/architecture.md — only the data layer
// (src/data) reaches the database (src/db) and storage (src/storage); lib depends on nothing above it.
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

const dbOrStorage = {
  group: ['@/db', '@/db/*', '@/storage', '@/storage/*', '**/db/*', '**/storage/*'],
  message: 'Only src/data (the DAL) may import the database or storage (docs/architecture.md, Layers).',
};

// Mail leaves only through the sendMail job (ADR 0012): everything else calls enqueueMail.
const mailDelivery = {
  group: ['@/mail/deliver', '**/mail/deliver'],
  message: 'Mail is sent by the sendMail job only: call enqueueMail (src/mail/enqueue-mail.ts).',
};

const upperLayers = {
  group: ['@/actions/*', '@/app/*', '@/components/*'],
  message: 'Dependencies point one way: data never imports the layers above it.',
};

// The cross-account read of unfinished work (ADR 0020) has one user: the stalled-work module.
const maintenanceRole = {
  group: ['@/db/as-maintenance', '**/db/as-maintenance'],
  message: 'Only src/data/stalled-work.ts reads as app_maintenance (ADR 0020); everything else reads as its user.',
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
      '.cluster-release/**',
    ],
  },
  {
    files: ['src/app/**', 'src/actions/**', 'src/components/**', 'src/lib/**', 'src/proxy.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [dbOrStorage, mailDelivery] }] },
  },
  {
    files: ['src/lib/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            dbOrStorage,
            mailDelivery,
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
    ignores: ['src/data/stalled-work.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [mailDelivery, maintenanceRole, upperLayers],
        },
      ],
    },
  },
  {
    files: ['src/data/stalled-work.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [mailDelivery, upperLayers],
        },
      ],
    },
  },
  {
    // Jobs (ADR 0011): a handler reaches user data through the DAL or its run's `asUser`, never a
    // database handle of its own. The mail module composes and delivers; it reads no data.
    files: ['src/jobs/handlers/**', 'src/mail/**'],
    ignores: ['src/jobs/handlers/send-mail.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [dbOrStorage, mailDelivery] }] },
  },
  {
    files: ['src/jobs/handlers/send-mail.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [dbOrStorage] }] },
  },
];

export default config;
