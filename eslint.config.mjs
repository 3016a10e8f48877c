// Lint: Next's recommended rules, plus the layer rules of docs/architecture.md — only the data layer
// (src/data) reaches the database (src/db) and storage (src/storage); lib depends on nothing above it;
// the queue (src/queue) sits below the data layer and the job handlers (src/jobs) above it; no import
// cycle in src.
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

// Jobs are sent through the queue (src/queue, below the DAL); their handlers (src/jobs) call the DAL.
const jobHandlers = {
  group: ['@/jobs', '@/jobs/*', '**/jobs/*', '**/jobs/handlers/*'],
  message:
    'src/data sends jobs with sendJob (src/queue/send.ts); the handlers in src/jobs call the DAL, never the reverse.',
};

// The queue is a bottom layer beside src/db: job definitions and sending, nothing of what uses them.
const aboveTheQueue = {
  group: [
    '@/data',
    '@/data/*',
    '@/jobs',
    '@/jobs/*',
    '@/actions/*',
    '@/app/*',
    '@/components/*',
    '@/mail/*',
    '@/storage',
    '@/storage/*',
  ],
  message: 'src/queue is below the data layer: it imports only src/db (its connection), src/lib and itself.',
};

// The cross-account reads (ADR 0020, ADR 0037) have two users: the stalled-work module and the
// reminder scan.
const maintenanceRole = {
  group: ['@/db/as-maintenance', '**/db/as-maintenance'],
  message:
    'Only src/data/stalled-work.ts and src/data/reminders/scan.ts act as app_maintenance (ADR 0020, ADR 0037); everything else reads as its user.',
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
    ignores: ['src/data/stalled-work.ts', 'src/data/reminders/scan.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [mailDelivery, maintenanceRole, upperLayers, jobHandlers],
        },
      ],
    },
  },
  {
    files: ['src/data/stalled-work.ts', 'src/data/reminders/scan.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [mailDelivery, upperLayers, jobHandlers],
        },
      ],
    },
  },
  {
    // Jobs (ADR 0011): a handler reaches user data through the DAL or its run's `asUser`, never a
    // database handle of its own. The mail module composes and delivers; it reads no data.
    files: ['src/jobs/handlers/**'],
    ignores: ['src/jobs/handlers/send-mail.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [dbOrStorage, mailDelivery] }] },
  },
  {
    // Mail sits between the DAL (which sends it) and the queue (which carries it).
    files: ['src/mail/**'],
    ignores: ['src/mail/deliver.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [dbOrStorage, mailDelivery, jobHandlers, upperLayers] }] },
  },
  {
    files: ['src/mail/deliver.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [dbOrStorage, jobHandlers, upperLayers] }] },
  },
  {
    files: ['src/queue/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [aboveTheQueue] }] },
  },
  {
    // eslint-plugin-import (from eslint-config-next), with its TypeScript resolver for `@/`.
    files: ['src/**/*.{ts,tsx}'],
    settings: { 'import/ignore': ['node_modules'] },
    rules: { 'import/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: ['src/jobs/handlers/send-mail.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [dbOrStorage] }] },
  },
];

export default config;
