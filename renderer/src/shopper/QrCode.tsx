import { useEffect, useRef } from 'react';

/**
 * A QR code from the service's pre-rendered SVG. Shown as an <img> data URL rather than
 * injected markup, so even a bad SVG string cannot run script or restyle the page.
 * Calls `onShown` once, when at least half of it is on screen.
 */
export function QrCode(props: { svg: string; title: string; caption: string; testId: string; onShown: () => void }) {
  const ref = useRef<HTMLElement>(null);
  const { onShown } = props;
  useEffect(() => {
    const el = ref.current;
    if (el === null) return undefined;
    let done = false;
    const io = new IntersectionObserver(
      (entries) => {
        if (done || !entries.some((e) => e.isIntersecting)) return;
        done = true;
        io.disconnect();
        onShown();
      },
      { threshold: 0.5 },
    );
    io.observe(el);
    return () => io.disconnect();
  }, [onShown]);
  const src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(props.svg)}`;
  return (
    <figure className="qr" data-testid={props.testId} ref={ref}>
      <div className="qr-frame">
        <img src={src} alt={props.title} draggable={false} />
      </div>
      <figcaption>
        <strong>{props.title}</strong>
        <span>{props.caption}</span>
      </figcaption>
    </figure>
  );
}
