import type { MediaAsset } from '../../../../contract/authoring.ts';
import { mediaUrl } from '../api/authoring-api.ts';

export type MediaKind = 'image' | 'video';

/** Originals of one kind (renditions are listed under their original). */
export function libraryAssets(media: readonly MediaAsset[], kind: MediaKind | 'any' = 'image'): MediaAsset[] {
  return media.filter((m) => m.of === undefined && (kind === 'any' || m.mime.startsWith(`${kind}/`)));
}

/** A thumbnail by sha256: an image's thumb rendition when the library knows one; a video's first frame (no renditions are made of videos). */
export function Thumb({ sha, media, alt = '' }: { sha: string; media: readonly MediaAsset[]; alt?: string }) {
  const asset = media.find((m) => m.sha256 === sha || m.renditions?.display === sha);
  if (asset?.mime.startsWith('video/')) {
    return <video className="thumb-img" src={`${mediaUrl(sha)}#t=0.1`} preload="metadata" muted playsInline aria-label={alt === '' ? 'video' : alt} data-testid="video-thumb" />;
  }
  const shown = asset?.renditions?.thumb ?? sha;
  return <img className="thumb-img" src={mediaUrl(shown)} alt={alt} loading="lazy" draggable={false} />;
}

export function formatBytes(n: number): string {
  return n >= 1_048_576 ? `${(n / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
}
