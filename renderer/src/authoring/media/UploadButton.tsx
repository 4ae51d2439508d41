import { useId, useState } from 'react';
import type { MediaAsset } from '../../../../contract/authoring.ts';
import { uploadMedia } from '../api/authoring-api.ts';
import { failureText } from '../form/use-record-form.ts';
import { useApp } from '../shell/app-context.ts';

const ACCEPT = 'image/png,image/jpeg,image/webp,image/svg+xml';

/** Uploads one image with a progress bar; the catalogue reloads so the library shows it. */
export function UploadButton({ onUploaded }: { onUploaded?: (asset: MediaAsset) => void }) {
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
    await reload();
    onUploaded?.(r.value.asset);
  };
  return (
    <div className="upload">
      <label htmlFor={id} className="btn">
        上传图片 Upload…
      </label>
      <input
        id={id}
        type="file"
        accept={ACCEPT}
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
