import type { MediaAsset } from '../../../../contract/authoring.ts';
import { mediaUrl } from '../api/authoring-api.ts';

/** Originals only (renditions are listed under their original). */
export function libraryAssets(media: readonly MediaAsset[]): MediaAsset[] {
  return media.filter((m) => m.of === undefined && m.mime.startsWith('image/'));
}

/** A thumbnail of an image by sha256 (its thumb rendition when the library knows one). */
export function Thumb({ sha, media, alt = '' }: { sha: string; media: readonly MediaAsset[]; alt?: string }) {
  const asset = media.find((m) => m.sha256 === sha || m.renditions?.display === sha);
  const shown = asset?.renditions?.thumb ?? sha;
  return <img className="thumb-img" src={mediaUrl(shown)} alt={alt} loading="lazy" draggable={false} />;
}

export function formatBytes(n: number): string {
  return n >= 1_048_576 ? `${(n / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
}
