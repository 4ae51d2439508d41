import 'react';

declare module 'react' {
  // The type parameter must match React's own declaration for the interfaces to merge.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface HTMLAttributes<T> {
    /** Element Timing API: reports when this element is first painted (PerformanceElementTiming). */
    elementtiming?: string;
  }
}
