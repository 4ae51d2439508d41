import { useEffect, useRef } from 'react';
import { ScanDetector } from '../scanner.ts';
import { salesApi } from './sales-api.ts';

/** Lifts in staff mode while the counter screen is open: each adds its product (a load cell's count, else one). */
export function useCounterLifts(onLift: (productId: string, count: number) => void): void {
  const handler = useRef(onLift);
  useEffect(() => {
    handler.current = onLift;
  }, [onLift]);
  useEffect(() => {
    let after = Date.now();
    let busy = false;
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      void salesApi.liftsAfter(after).then((r) => {
        busy = false;
        if (!r.ok) return;
        for (const lift of r.value.lifts) {
          after = Math.max(after, lift.at);
          if (lift.productId !== null) handler.current(lift.productId, lift.count ?? 1);
        }
      });
    }, 400);
    return () => clearInterval(timer);
  }, []);
}

/** A USB barcode scanner's code (fast digits + Enter), judged by the keys' own time stamps. */
export function useScanner(onScan: (code: string) => void): void {
  const handler = useRef(onScan);
  useEffect(() => {
    handler.current = onScan;
  }, [onScan]);
  useEffect(() => {
    const detector = new ScanDetector();
    const onKey = (e: KeyboardEvent): void => {
      const code = detector.key(e.key, e.timeStamp);
      if (code === null) return;
      e.preventDefault();
      handler.current(code);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}
