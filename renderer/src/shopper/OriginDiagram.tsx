import { useTranslation } from 'react-i18next';
import { CHINA_PATH, MAP_H, MAP_W, projectPoint } from './china-outline.ts';

/** The simple origin diagram: a rough outline with a dot at the county. */
export function OriginDiagram({ point, label }: { point: { x: number; y: number }; label: string }) {
  const { t } = useTranslation();
  const p = projectPoint(point);
  // Keep the label inside the frame: put it left of the dot when the dot is far east.
  const labelLeft = p.x > MAP_W * 0.62;
  return (
    <figure className="origin-diagram">
      <svg viewBox={`-4 -4 ${MAP_W + 8} ${MAP_H + 8}`} role="img" aria-label={`${t('product.mapLabel')}: ${label}`}>
        <path d={CHINA_PATH} className="map-land" />
        <circle cx={p.x} cy={p.y} r="6" className="map-pulse" />
        <circle cx={p.x} cy={p.y} r="2.6" className="map-dot" />
        <text x={labelLeft ? p.x - 5 : p.x + 5} y={p.y + 1.6} textAnchor={labelLeft ? 'end' : 'start'} className="map-label">
          {label}
        </text>
      </svg>
      <figcaption>{t('product.mapNote')}</figcaption>
    </figure>
  );
}
