// The button of the app: one look per intent, a pending state that keeps its width. The looks
// are component classes (globals.css: .btn, .btn-<variant>, .btn-<size>).
import { Slot } from 'radix-ui';
import { cva, type VariantProps } from 'class-variance-authority';
import type { ComponentProps } from 'react';
import { cn } from '@/lib/cn';

const buttonBase = cva('btn', {
  variants: {
    variant: { primary: 'btn-primary', secondary: 'btn-secondary', danger: 'btn-danger', ghost: 'btn-ghost' },
    size: { md: 'btn-md', lg: 'btn-lg', sm: 'btn-sm' },
  },
  defaultVariants: { variant: 'primary', size: 'md' },
});

/** The button classes; extra utility classes win over the variant's where they conflict. */
export function buttonVariants(options?: Parameters<typeof buttonBase>[0]): string {
  return buttonBase(options);
}

type ButtonProps = ComponentProps<'button'> & VariantProps<typeof buttonBase> & { asChild?: boolean };

export function Button({ className, variant, size, asChild = false, ...props }: ButtonProps) {
  const Component = asChild ? Slot.Root : 'button';
  return <Component className={cn(buttonVariants({ variant, size }), className)} {...props} />;
}
