// The one import of the `rrule` package. It ships CommonJS for Node (a webpack UMD bundle whose
// names Node cannot see, so only its default export exists there) and extension-less ESM for
// bundlers (named exports, no default): this picks whichever the loader gave, so the same code
// runs in Next's bundle, under tsx (the worker) and under vitest.
import * as rrulePackage from 'rrule';

type RRulePackage = typeof rrulePackage;
const loaded = rrulePackage as RRulePackage & { default?: RRulePackage };
const resolved: RRulePackage = loaded.RRule ? loaded : loaded.default!;

export const RRule = resolved.RRule;
export type RRule = InstanceType<typeof RRule>;
export type { Options as RRuleOptions } from 'rrule';
