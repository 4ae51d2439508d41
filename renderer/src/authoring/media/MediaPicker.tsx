import { useEffect, useRef } from 'react';
import { displayShaOf } from '../api/authoring-api.ts';
import { useApp } from '../shell/app-context.ts';
import { formatBytes, libraryAssets, Thumb } from './MediaTile.tsx';
import { UploadButton } from './UploadButton.tsx';

/** A modal media library: pick an image (its display rendition is what the record references), or upload one. */
export function MediaPicker({ onPick, onClose }: { onPick: (sha: string) => void; onClose: () => void }) {
  const { catalogue } = useApp();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    d?.showModal();
    return () => d?.close();
  }, []);
  const assets = libraryAssets(catalogue.media);
  return (
    <dialog ref={ref} className="dialog wide" onClose={onClose} data-testid="media-picker">
      <header className="dialog-head">
        <h2>选择图片 · Pick an image</h2>
        <UploadButton onUploaded={(a) => onPick(displayShaOf(a))} />
        <button type="button" className="btn" onClick={onClose}>
          关闭 Close
        </button>
      </header>
      {assets.length === 0 ? (
        <p className="muted">媒体库是空的：先上传一张图片。· The library is empty: upload an image.</p>
      ) : (
        <ul className="media-grid">
          {assets.map((a) => (
            <li key={a.sha256}>
              <button type="button" className="media-tile" data-sha={a.sha256} onClick={() => onPick(displayShaOf(a))}>
                <Thumb sha={a.sha256} media={catalogue.media} />
                <span className="media-name">{a.name ?? a.sha256.slice(0, 12)}</span>
                <span className="muted small">
                  {a.width !== undefined && a.height !== undefined ? `${a.width}×${a.height} · ` : ''}
                  {formatBytes(a.bytes)}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </dialog>
  );
}
