import { campaignShape, productShape, type Accent, type Shape } from './art-shapes.ts';
import type { ArtKind, CampaignArt, RegionId } from './types.ts';

/*
 * Illustrations for the demo catalogue, generated rather than downloaded: a landscape in
 * the region's colours with the product drawn in front. Pure functions of (region, art),
 * so the same input always gives the same bytes and the same sha256. No text is drawn,
 * so no font is needed. Gradient ids are local to each file; show them with <img>.
 */

interface Palette {
  skyTop: string;
  skyBottom: string;
  sun: string;
  hillFar: string;
  hillNear: string;
  accent: Accent;
}

const PALETTES: Record<RegionId, Palette> = {
  dongyuan: { skyTop: '#bfe6c8', skyBottom: '#f1faec', sun: '#ffd36b', hillFar: '#8fcb98', hillNear: '#4fa66a',
    accent: { light: '#e8554a', dark: '#a52a2a', trim: '#f6c945' } },
  maoba: { skyTop: '#c4e9e2', skyBottom: '#f0faf6', sun: '#ffe08a', hillFar: '#7cc0ae', hillNear: '#348f7c',
    accent: { light: '#5fbf8f', dark: '#1f6e4a', trim: '#d4a72c' } },
  gansu: { skyTop: '#f6d9a8', skyBottom: '#fdf3e2', sun: '#f7a541', hillFar: '#ddb06c', hillNear: '#bb8040',
    accent: { light: '#f0a04b', dark: '#b8641c', trim: '#7a2e1a' } },
  longnan: { skyTop: '#f7cbb6', skyBottom: '#fdf0e8', sun: '#ef6a4f', hillFar: '#cf9468', hillNear: '#9a6442',
    accent: { light: '#d2473a', dark: '#7b1f16', trim: '#f6c945' } },
  huayuan: { skyTop: '#d9d0f0', skyBottom: '#f5f1fc', sun: '#ffcf6e', hillFar: '#9d93cc', hillNear: '#675da3',
    accent: { light: '#8e6cc8', dark: '#4e3a8a', trim: '#f6c945' } },
  shanshan: { skyTop: '#fbe0a0', skyBottom: '#fff7e0', sun: '#ff9f43', hillFar: '#e8be78', hillNear: '#cf9646',
    accent: { light: '#f2b544', dark: '#c07a1a', trim: '#8a3b1a' } },
  hengyang: { skyTop: '#ffd8c2', skyBottom: '#fff3ea', sun: '#ff8a5b', hillFar: '#e8a47c', hillNear: '#bf6c45',
    accent: { light: '#ff8a5b', dark: '#c0502a', trim: '#fff1c1' } },
  guangxi: { skyTop: '#bfe3f2', skyBottom: '#eef8fc', sun: '#ffd166', hillFar: '#7dbcd0', hillNear: '#3a889f',
    accent: { light: '#3aa0c8', dark: '#1c5f80', trim: '#f6c945' } },
};

function scene(p: Palette, shape: Shape): string {
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 600">',
    '<defs>',
    `<linearGradient id="s" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${p.skyTop}"/><stop offset="1" stop-color="${p.skyBottom}"/></linearGradient>`,
    '<radialGradient id="g"><stop offset="0" stop-color="#fff" stop-opacity=".6"/><stop offset="1" stop-color="#fff" stop-opacity="0"/></radialGradient>',
    `<linearGradient id="p" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${shape.light}"/><stop offset="1" stop-color="${shape.dark}"/></linearGradient>`,
    '</defs>',
    '<rect width="800" height="600" fill="url(#s)"/>',
    `<circle cx="660" cy="120" r="64" fill="${p.sun}" opacity=".9"/>`,
    `<path d="M0 400Q180 320 380 390T800 360V600H0Z" fill="${p.hillFar}"/>`,
    `<path d="M0 470Q260 410 520 465T800 440V600H0Z" fill="${p.hillNear}"/>`,
    '<ellipse cx="400" cy="360" rx="300" ry="230" fill="url(#g)"/>',
    '<ellipse cx="400" cy="522" rx="230" ry="24" fill="#000" opacity=".16"/>',
    shape.body,
    '</svg>',
  ].join('\n');
}

/** SVG markup for a product illustration. */
export function productSvg(region: RegionId, art: ArtKind): string {
  const palette = PALETTES[region];
  return scene(palette, productShape(art, palette.accent));
}

/** SVG markup for a campaign banner illustration. */
export function campaignSvg(region: RegionId, art: CampaignArt): string {
  return scene(PALETTES[region], campaignShape(art));
}
