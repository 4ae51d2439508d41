import { useId, useState } from 'react';
import type { MediaAsset } from '../../../../contract/authoring.ts';
import { uploadMedia } from '../api/authoring-api.ts';
import { failureText } from '../form/use-record-form.ts';
import { useApp } from '../shell/app-context.ts';

import type { MediaKind } from './MediaTile.tsx';

const IMAGES = 'image/png,image/jpeg,image/webp,image/svg+xml';
const VIDEOS = 'video/mp4,video/webm';
const ACCEPT: Record<MediaKind | 'any', string> = { image: IMAGES, video: VIDEOS, any: `${IMAGES},${VIDEOS}` };
const LABEL: Record<MediaKind | 'any', string> = { image: '上传图片 Upload…', video: '上传视频 Upload video…', any: '上传 Upload…' };

/** Uploads one file (an image ≤ 10 MiB, or an MP4/WebM ≤ 50 MiB) with a progress bar; the catalogue reloads so the library shows it. */
export function UploadButton({ onUploaded, kind = 'image' }: { onUploaded?: (asset: MediaAsset) => void; kind?: MediaKind | 'any' }) {
  const { reload, notify } = useApp();
  const id = useId();
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const upload = async (file: File): Promise<void> => {
    setError(null);
    setProgress(0);
    const r = await uploadMedia(file, setProgress);
    setProgress(null);
    if (!r.ok) {
      setError(failureText(r.error));
      return;
    }
    notify(`已上传 ${file.name} · Uploaded`, 'ok');
    // Not a restart of the editor: a picker's upload lands in the draft being edited.
    await reload({ remount: false });
    onUploaded?.(r.value.asset);
  };
  return (
    <div className="upload">
      <label htmlFor={id} className="btn">
        {LABEL[kind]}
      </label>
      <input
        id={id}
        type="file"
        accept={ACCEPT[kind]}
        className="visually-hidden"
        data-testid="upload-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file !== undefined) void upload(file);
        }}
      />
      {progress !== null && <progress max={1} value={progress} data-testid="upload-progress" aria-label="上传进度 upload progress" />}
      {error !== null && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
