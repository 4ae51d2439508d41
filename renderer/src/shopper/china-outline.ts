/**
 * A deliberately rough outline of China for the origin diagram — a recognisable shape,
 * not a map (the page says "schematic"). Points are [longitude, latitude]; the diagram's
 * frame is lon 73–135°E, lat 18–54°N, which is also how content's `origin.mapPoint`
 * (0..1, x east, y south) is defined (docs/shopper-ui.md).
 */
export const MAP_FRAME = { lonMin: 73, lonMax: 135, latMin: 18, latMax: 54 } as const;

/** Diagram size in SVG units; the ratio approximates the frame at ~35°N. */
export const MAP_W = 141;
export const MAP_H = 100;

const MAINLAND: ReadonlyArray<readonly [number, number]> = [
  [122.5, 53.5], [125.5, 53], [127.5, 49.8], [130.5, 48.8], [134.7, 48.3], [133.1, 45.1], [131.2, 44.9],
  [131, 42.8], [130.6, 42.4], [129, 42], [126.5, 41.4], [124.3, 39.9], [121.2, 38.8], [121.9, 40.9],
  [120.5, 40.2], [118.5, 39.1], [117.8, 38.5], [118.9, 37.5], [122.6, 37.4], [120.3, 36], [119.2, 35],
  [120.9, 32.6], [121.9, 31], [122, 29.9], [121.5, 28.3], [120.2, 26.9], [119.5, 25.5], [118.1, 24.4],
  [116.5, 23], [114.2, 22.3], [113.5, 22.1], [111.5, 21.5], [110.5, 21.2], [110.2, 20.3], [109.7, 21.5],
  [108.5, 21.6], [106.7, 22], [105.5, 23.3], [103.9, 22.6], [102.2, 22.4], [101.7, 21.2], [101.1, 21.6],
  [99.2, 22.1], [98.7, 23.9], [97.6, 24.5], [98, 25.5], [98.7, 27.5], [97.5, 28.2], [96.1, 29.4],
  [94, 28.6], [92, 27.8], [89, 27.9], [88.1, 27.9], [86, 28], [84, 28.7], [81.5, 30.2], [79, 31],
  [78.7, 32.5], [78.2, 34.3], [77.8, 35.5], [75.5, 36.9], [74.6, 37.1], [73.6, 38.9], [73.6, 39.5],
  [76, 40.4], [78, 41.1], [80.2, 42.1], [80.8, 43.2], [80.2, 44.8], [82.5, 45.3], [83, 47.2], [85.5, 47.1],
  [86, 48.5], [87.5, 49.1], [88, 48.5], [90.5, 47.5], [91, 46], [90.9, 45.2], [93.5, 44.9], [95.4, 44.2],
  [96.4, 42.7], [100.8, 42.6], [105, 41.6], [107.5, 42.4], [110.5, 42.6], [111.9, 43.7], [111.4, 44.3],
  [113.6, 44.8], [116, 45.7], [117.5, 46.6], [119.7, 46.7], [118.6, 47.9], [115.5, 47.9], [116.7, 49.8],
  [117.9, 49.5], [119.3, 50.2], [120.2, 51.7], [121.9, 53.3],
];

const HAINAN: ReadonlyArray<readonly [number, number]> = [
  [108.7, 19.4], [109.6, 20.1], [110.7, 20], [111, 19.6], [110.2, 18.4], [109.3, 18.3], [108.6, 18.6],
];
const TAIWAN: ReadonlyArray<readonly [number, number]> = [
  [121.5, 25.3], [122, 25], [121.6, 23.5], [120.9, 22], [120.2, 22.8], [120.1, 23.6], [121, 25],
];

/** Projects a 0..1 diagram point (x east, y south) to SVG units. */
export function projectPoint(p: { x: number; y: number }): { x: number; y: number } {
  return { x: p.x * MAP_W, y: p.y * MAP_H };
}

function toUnit([lon, lat]: readonly [number, number]): { x: number; y: number } {
  const f = MAP_FRAME;
  return { x: (lon - f.lonMin) / (f.lonMax - f.lonMin), y: (f.latMax - lat) / (f.latMax - f.latMin) };
}

function toPath(points: ReadonlyArray<readonly [number, number]>): string {
  return (
    points
      .map((pt, i) => {
        const { x, y } = projectPoint(toUnit(pt));
        return `${i === 0 ? 'M' : 'L'}${x.toFixed(1)} ${y.toFixed(1)}`;
      })
      .join('') + 'Z'
  );
}

/** SVG path data for the outline (mainland, Hainan, Taiwan), computed once. */
export const CHINA_PATH = [MAINLAND, HAINAN, TAIWAN].map(toPath).join('');

/** A 0..1 diagram point from longitude/latitude, for content authors and tests. */
export function mapPointFromLonLat(lon: number, lat: number): { x: number; y: number } {
  const p = toUnit([lon, lat]);
  return { x: Math.min(1, Math.max(0, p.x)), y: Math.min(1, Math.max(0, p.y)) };
}
