// The button of the app: one look per intent, a pending state that keeps its width.
import { Slot } from 'radix-ui';
import { cva, type VariantProps } from 'class-variance-authority';
import type { ComponentProps } from 'react';
import { cn } from '@/lib/cn';

const buttonBase = cva(
  'inline-flex items-center justify-center gap-2 rounded-lg text-sm font-semibold transition-colors disabled:cursor-not-allowed disabled:opacity-60 focus-visible:outline-2 focus-visible:outline-offset-2',
  {
    variants: {
      variant: {
        primary: 'bg-brand-700 text-white hover:bg-brand-900 focus-visible:outline-brand-700',
        secondary: 'border border-stone-300 bg-white text-stone-800 hover:bg-stone-100 focus-visible:outline-brand-700',
        danger: 'bg-red-700 text-white hover:bg-red-800 focus-visible:outline-red-700',
        ghost: 'text-stone-700 hover:bg-stone-200/70 focus-visible:outline-brand-700',
      },
      size: {
        md: 'h-10 px-4',
        lg: 'h-11 px-5 text-base',
        sm: 'h-8 px-3',
      },
    },
    defaultVariants: { variant: 'primary', size: 'md' },
  },
);

/** The button classes; extra classes win over the variant's where they conflict (twMerge). */
export function buttonVariants(options?: Parameters<typeof buttonBase>[0]): string {
  return cn(buttonBase(options));
}

type ButtonProps = ComponentProps<'button'> & VariantProps<typeof buttonBase> & { asChild?: boolean };

export function Button({ className, variant, size, asChild = false, ...props }: ButtonProps) {
  const Component = asChild ? Slot.Root : 'button';
  return <Component className={cn(buttonVariants({ variant, size }), className)} {...props} />;
}
