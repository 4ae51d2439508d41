import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShopper } from './shopper-context.ts';

/** Warm, neutral artwork shown when a product has no photo or its photo fails to load. */
export function PlaceholderArt({ label }: { label: string }) {
  return (
    <div className="placeholder-art" role="img" aria-label={label}>
      <svg viewBox="0 0 120 120" aria-hidden="true">
        <circle cx="60" cy="60" r="56" className="ph-sun" />
        <path d="M20 88c14-10 28-14 40-14s26 4 40 14v12H20z" className="ph-field" />
        <path d="M60 30c-12 8-16 20-12 34 12-4 18-14 12-34z" className="ph-leaf" />
        <path d="M62 40c10 6 14 16 10 28-10-4-14-12-10-28z" className="ph-leaf2" />
      </svg>
      <span>{label}</span>
    </div>
  );
}

/** A content image by sha256, falling back to placeholder art. */
export function MediaImage({ sha, alt, className }: { sha: string | undefined; alt: string; className?: string }) {
  const { mediaBase } = useShopper();
  const { t } = useTranslation();
  const [failed, setFailed] = useState<string | null>(null);
  if (sha === undefined || failed === sha) {
    return (
      <div className={`media ${className ?? ''}`}>
        <PlaceholderArt label={t('product.noImage')} />
      </div>
    );
  }
  return (
    <div className={`media ${className ?? ''}`}>
      <img src={mediaBase + sha} alt={alt} draggable={false} onError={() => setFailed(sha)} />
    </div>
  );
}

/**
 * A campaign video by sha256: muted, looping, inline (autoplay needs muted). Until it can play,
 * and if it fails, the poster image (or placeholder art) shows instead.
 */
export function MediaVideo({ sha, poster, className }: { sha: string; poster: string | undefined; className?: string }) {
  const { mediaBase } = useShopper();
  const [failed, setFailed] = useState<string | null>(null);
  if (failed === sha) return <MediaImage sha={poster} alt="" className={className} />;
  return (
    <div className={`media ${className ?? ''}`}>
      <video
        src={mediaBase + sha}
        poster={poster === undefined ? undefined : mediaBase + poster}
        muted
        autoPlay
        loop
        playsInline
        preload="auto"
        disablePictureInPicture
        data-testid="campaign-video"
        onError={() => setFailed(sha)}
      />
    </div>
  );
}
